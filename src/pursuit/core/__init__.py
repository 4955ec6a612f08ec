"""The pure core: the rules of the pursuit, standard library only.

Nothing here reads a clock, a file, the network or the environment.
"""

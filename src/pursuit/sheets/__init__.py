"""PDF result sheets: start lists, heat sheets, round results and the final classification.

Each sheet is built as plain data from the read models (`pursuit.views`) and typeset by typst
from one template (templates/sheets.typ); typst draws the charts from their models
(`pursuit.charts.model`, templates/charts.typ).
"""

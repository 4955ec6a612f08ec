"""A static results site: plain HTML and CSS with relative links, the PDF sheets, the charts and
the exports (JSON, Markdown, wikitext, CSV) in one folder that any web server can serve."""

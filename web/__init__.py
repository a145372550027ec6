"""The web pages and REST API (FastAPI) over the same Store the command line uses.

app.py builds the application; api.py the JSON routes (DESIGN.md section 4); pages.py and the
*_view.py modules the HTML pages; security.py who may write; uploads.py the upload worker.
"""

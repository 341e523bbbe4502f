"""HTML pages written for these tests: the body without chrome, and metadata from tags and bylines."""

from spyglass.ingest.build import build_document
from spyglass.ingest.sources import RawInput

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Customs officer admits leaking tariff data to consulate | Valley Standard</title>
<meta property="article:published_time" content="2024-05-06T22:15:00-04:00">
</head><body>
<div id="cookie-consent">We use cookies and similar technologies. <button>Accept all</button></div>
<header><a class="logo" href="/">Valley Standard</a><nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/courts">Courts</a></nav></header>
<article><h1>Customs officer admits leaking tariff data to consulate</h1>
<p class="byline">By <a href="/staff/omar-reyes">Omar Reyes</a>, Courts Reporter</p>
<p>A customs officer pleaded guilty on Monday to passing confidential tariff and inspection data to an official at a foreign consulate, federal prosecutors said.</p>
<p>The officer admitted receiving about 18,000 dollars over three years. Prosecutors said the consulate official was an intelligence officer working under diplomatic cover.</p>
<p>Sentencing was set for September. The consulate did not respond to a request for comment.</p>
</article>
<aside class="related"><h2>Related stories</h2><ul><li><a href="/x">Bridge repairs to close lanes</a></li><li><a href="/y">School board race heats up</a></li></ul></aside>
<footer><p>© 2024 Valley Standard Media. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>"""


def test_html_body_and_metadata() -> None:
    doc = build_document(RawInput("page.html", PAGE, "html"))
    assert not isinstance(doc, str) and hasattr(doc, "text"), doc
    body = doc.body_text()
    assert body.startswith("A customs officer pleaded guilty on Monday")
    assert "diplomatic cover" in body
    for chrome in ("cookies", "Related stories", "Bridge repairs", "All rights reserved", "Privacy", "Local"):
        assert chrome not in body
    assert doc.title == "Customs officer admits leaking tariff data to consulate"
    assert doc.author == "Omar Reyes"
    assert doc.publisher == "Valley Standard"
    assert doc.published == "2024-05-07"  # the UTC day of the stamp
    assert doc.language == "en"

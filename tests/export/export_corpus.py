"""A store built by hand for the exporter tests: four invented reports and the claims read from them.

Claims are written here rather than extracted, so the tests pin the exporters, not the NLP:
an officer convicted and sentenced (two reports disagree on the sentence), an acquitted agent,
a threat group with two vendor labels attributed to a company two governments sanctioned, a
defence lawyer, a man said to work for a service who faces no case, tradecraft methods (one used
by a named service, one by the group, one by nobody the report names), an undated note naming an
operation a ministry runs, and an undated page nothing was read from. Every document is stored on STORED_ON.
"""

from __future__ import annotations

from pathlib import Path

from spyglass.extract.run import EXTRACTION_VERSION
from spyglass.model import Claim, Document, FuzzyDate, Segment, content_hash
from spyglass.store import Store, extracted

REPORTS = [
    {"publisher": "Harbour Gazette", "published": "2024-03-05", "url": "https://harbour.example/wen-sentenced",
     "title": "State security officer jailed", "text":
     "Wen Haolin, 51, an officer of the Zhejiang State Security Department, was sentenced on Monday to ten years. "
     "The Zhejiang State Security Department is part of the Ministry of State Security. "
     "In a separate case Piotr Nowicki was acquitted of spying for the GRU. "
     "Ember Lynx, also tracked as Grey Heron, is run by Qingshan Netsec Co., Ltd., which was sanctioned by the "
     "US Treasury on Monday. Defence lawyer Maria Lindqvist said Wen would appeal. The Ministry of State "
     "Security approached engineers through fake recruiters on LinkedIn, prosecutors said.",
     "claims": [
         ("Wen Haolin, 51", "Wen Haolin", "person", "officer_of", "Zhejiang State Security Department", "agency_unit",
          None, None),
         ("sentenced on Monday to ten years", "Wen Haolin", "person", "sentenced", None, None, "120", "2024-03-04"),
         ("sentenced on Monday", "Wen Haolin", "person", "convicted", None, None, None, "2024-03"),
         ("is part of the Ministry", "Zhejiang State Security Department", "agency_unit", "part_of",
          "Ministry of State Security", "state_agency", None, None),
         ("Piotr Nowicki was acquitted", "Piotr Nowicki", "person", "acquitted", None, None, None, "2024-03-01"),
         ("spying for the GRU", "Piotr Nowicki", "person", "agent_of", "GRU", "state_agency", None, None),
         ("also tracked as Grey Heron", "Ember Lynx", "threat_group", "alias_of", "Grey Heron", "threat_group",
          None, None),
         ("is run by Qingshan", "Ember Lynx", "threat_group", "attributed_to", "Qingshan Netsec Co., Ltd.",
          "company", None, None),
         ("which was sanctioned by the US Treasury", "Qingshan Netsec Co., Ltd.", "company", "sanctioned",
          "US Treasury", None, None, "2024-03-04"),
         ("Defence lawyer Maria Lindqvist", "Maria Lindqvist", "person", "named_as", None, None, "lawyer", None),
         ("The Ministry of State Security approached engineers", "Ministry of State Security", "state_agency",
          "used_method", "fake_recruiter", None, "engineers", None),
     ]},
    {"publisher": "Coastal Courier", "published": "2024-03-06", "url": None, "title": "Eight years for Wen",
     "text": "A court sentenced Wen Haolin to eight years on Monday, the ministry said. Britain also "
             "sanctioned Qingshan Netsec Co., Ltd. that day. Tomas Berg, who worked for the GRU, was named in court.",
     "claims": [("sentenced Wen Haolin to eight years", "Wen Haolin", "person", "sentenced", None, None, "96",
                 "2024-03-04"),
                ("Britain also sanctioned Qingshan", "Qingshan Netsec Co., Ltd.", "company", "sanctioned", "Britain",
                 None, None, "2024-03-04"),
                ("Tomas Berg, who worked for the GRU", "Tomas Berg", "person", "agent_of", "GRU", "state_agency",
                 None, None)]},
    {"publisher": None, "published": None, "url": None, "title": None,
     "text": "Grey Heron targeted Vietnam's foreign ministry in a long campaign and stole bulk data from its "
             "mail servers. Scholars were offered expenses-paid trips to conferences abroad. Operation Silver Net, "
             "run by the Ministry of State Security, targeted exiles.",
     "claims": [("Grey Heron targeted Vietnam", "Grey Heron", "threat_group", "targets", "Vietnam", "country",
                 None, None),
                ("stole bulk data", "Grey Heron", "threat_group", "used_method", "bulk_data_theft", None, None, None),
                ("Scholars were offered expenses-paid trips", "unattributed", None, "used_method", "paid_invitation",
                 None, "Scholars", None),
                ("Operation Silver Net, run by the Ministry", "Operation Silver Net", "operation", "attributed_to",
                 "Ministry of State Security", "state_agency", None, None)]},
    {"publisher": "Harbour Gazette", "published": "2024-03", "url": None, "title": "Weather",
     "text": "Rain is expected along the coast this week.", "claims": []},
]
STORED_ON = "2024-03-10"


def hand_store(path: Path) -> Store:
    """A store holding REPORTS and their claims, as if ingested and extracted."""
    store = Store(path)
    for report in REPORTS:
        text = str(report["text"])
        doc = Document(doc_id=content_hash(text), text=text, segments=[Segment("body", 0, len(text))],
                       title=report["title"], publisher=report["publisher"], published=report["published"],
                       url=report["url"], language="en")
        store.add_document(doc, f"test:{report['publisher']}")
        # as if ingested on that day, so that two stores built from REPORTS export alike
        store.conn.execute("UPDATE documents SET ingested_at = ? WHERE doc_id = ?",
                           (f"{STORED_ON}T09:00:00+00:00", doc.doc_id))
        claims = []
        for phrase, subject, stype, predicate, obj, otype, value, date in report["claims"]:  # type: ignore[attr-defined]
            start = text.index(phrase)
            claims.append(Claim(subject=subject, predicate=predicate, doc_id=doc.doc_id, start=start,
                                end=start + len(phrase), extractor="test", extractor_version="1", object=obj,
                                value=value, subject_type=stype, object_type=otype,
                                date=FuzzyDate.parse(date) if date else None, confidence=0.8))
        extracted.save(store, doc.doc_id, [], claims, EXTRACTION_VERSION)
    return store

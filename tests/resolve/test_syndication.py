"""Copies, truncations and rewrites of one story are one source; independent reports are not."""

from spyglass.model import Document, Segment, content_hash
from spyglass.resolve.syndication import groups, links, source_kinds

STORY = (
    "A customs officer at the port of Antwerp was arrested on Tuesday on suspicion of passing shipping manifests "
    "to an intelligence officer from a foreign embassy, Belgian prosecutors said. The officer, named only as Pieter V., "
    "met his contact at least nine times in Ghent and Brussels between 2021 and 2024 and received about 30,000 euros. "
    "Investigators from the State Security Service followed the pair for eleven months before the arrest. "
    "His lawyer, Anke Maes, said her client would contest the charges when he appears before the council chamber."
)
REWRITE = (
    "A customs functionary at the harbour of Antwerp was detained on Tuesday over suspicions of handing shipping "
    "manifests to an espionage officer from an overseas embassy, Belgian prosecutors stated. The functionary, named "
    "only as Pieter V., encountered his contact no fewer than nine times in Ghent and Brussels from 2021 to 2024 and "
    "obtained around 30,000 euros. Detectives from the State Security Service tracked the duo for eleven months ahead "
    "of the arrest. His attorney, Anke Maes, stated her client would dispute the charges when he shows before the "
    "council chamber."
)
INDEPENDENT = (
    "Belgium's State Security Service has warned ports about approaches by foreign diplomats after the arrest in "
    "Antwerp. Anke Maes, the lawyer for the accused customs officer, told reporters in Brussels that the 30,000 euros "
    "were consulting fees. Prosecutors in Ghent have not said which country's embassy was involved. Pieter V. remains "
    "in custody, and the council chamber will decide next month whether to extend his detention by another month."
)


def doc(text: str, published: str) -> Document:
    return Document(content_hash(text), text, [Segment("body", 0, len(text))], published=published)


def test_copy_truncation_rewrite_group_and_independent_stays_apart() -> None:
    original = doc(STORY, "2025-03-04")
    copy = doc("Wire copy. " + STORY, "2025-03-04")
    truncated = doc(STORY[:260] + "...", "2025-03-05")
    rewrite = doc(REWRITE, "2025-03-06")
    independent = doc(INDEPENDENT, "2025-03-06")
    kinds = {frozenset((l.a, l.b)): l.kind for l in links([original, copy, truncated, rewrite, independent])}
    assert kinds[frozenset((original.doc_id, copy.doc_id))] == "copy"
    assert kinds[frozenset((original.doc_id, truncated.doc_id))] == "copy"
    assert kinds.get(frozenset((original.doc_id, rewrite.doc_id))) == "derived"
    grouped = groups([original, copy, truncated, rewrite, independent])
    assert len({grouped[d.doc_id] for d in (original, copy, truncated, rewrite)}) == 1
    assert grouped[independent.doc_id] == independent.doc_id


def test_translation_is_grouped_and_a_rewrite_is_a_content_farm() -> None:
    chinese = Document(content_hash("zh"), "国家安全机关于2024年11月23日依法对王某采取刑事强制措施。王某现年47岁，自2018年起向境外机构提供资料。",
                       [Segment("body", 0, 60)], published="2024-12-02", language="zh")
    english_text = ("Translated from Chinese by machine.\n\nThe state security organ on November 23, 2024 took criminal "
                    "compulsory measures against Wang according to law. Wang is 47 years old and since 2018 provided "
                    "materials to overseas organisations.")
    english = Document(content_hash(english_text), english_text, [Segment("boilerplate", 0, 35), Segment("body", 37, len(english_text))],
                       published="2024-12-03", language="en")
    german_text = "Am 23. November 2024 wurde ein 47 Jahre alter Mann festgenommen, der seit 2018 Material weitergab."
    german = Document(content_hash(german_text), german_text, [Segment("body", 0, len(german_text))],
                      published="2024-12-03", language="de")
    kinds = {frozenset((l.a, l.b)): l.kind for l in links([chinese, english, german])}
    assert kinds[frozenset((chinese.doc_id, english.doc_id))] == "translation"
    assert frozenset((chinese.doc_id, german.doc_id)) not in kinds  # no translation marker: independent
    original = doc(STORY, "2025-03-04")
    rewrite = doc(REWRITE, "2025-03-06")
    assert source_kinds([original, rewrite]) == {original.doc_id: "news", rewrite.doc_id: "content_farm"}


def test_one_story_in_simplified_and_traditional_characters_is_one_source() -> None:
    simplified = doc("林志远于今年3月9日被警方抓获，并于今年7月6日遭检方起诉，被控为境外情报机构刺探国家秘密。"
                     "检方表示，林志远已承认部分指控，案件将于下月在市中级人民法院开庭审理。"
                     "据悉，林志远曾在一家造船企业担任工程师，多次向境外人员提供船舶设计图纸，并收取报酬。", "2025-03-04")
    traditional = doc("林志遠於今年3月9日被警方抓獲，並於今年7月6日遭檢方起訴，被控為境外情報機構刺探國家秘密。"
                      "檢方表示，林志遠已承認部分指控，案件將於下月在市中級人民法院開庭審理。"
                      "據悉，林志遠曾在一家造船企業擔任工程師，多次向境外人員提供船舶設計圖紙，並收取報酬。", "2025-03-04")
    kinds = {frozenset((l.a, l.b)): l.kind for l in links([simplified, traditional])}
    assert kinds.get(frozenset((simplified.doc_id, traditional.doc_id))) == "copy"


def test_links_kept_from_the_last_call_follow_the_documents_asked_about() -> None:
    original, copy = doc(STORY, "2025-03-04"), doc("Wire copy. " + STORY, "2025-03-04")
    rewrite, independent = doc(REWRITE, "2025-03-06"), doc(INDEPENDENT, "2025-03-06")
    pairs = lambda found: sorted((l.a, l.b, l.kind) for l in found)  # noqa: E731
    first = links([original, copy, rewrite, independent])
    assert pairs(links([original, copy, rewrite, independent])) == pairs(first) and len(first) == 3
    without_copy = pairs(links([original, rewrite, independent]))
    assert len(without_copy) == 1 and all(copy.doc_id not in (a, b) for a, b, _ in without_copy)
    first.clear()  # a caller changing its list does not change what the next caller gets
    assert len(links([original, copy, rewrite, independent])) == 3

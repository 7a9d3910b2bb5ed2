"""One folding of names for Python and the page: transliteration, and JavaScript parity."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_page_support import chromium, offline_page, open_page

from diplograph.graph.page import write_page
from diplograph.graph.subgraph import find_nodes
from diplograph.ingest.gazetteer import fold as place_fold
from diplograph.ingest.textfold import fold, fold_tight, js_fold_table, slug

SAMPLES = [
    "Владимир Путин",
    "Vladimir Putin",
    "Александр Лукашенко",
    "Κυριάκος Μητσοτάκης",
    "محمد بن سلمان",
    "Łukasz Kowalski",
    "Recep Tayyip Erdoğan",
    "Straße",
    "ﬁnance",
    "İstanbul",
    "Xi'an",
    "Dato' Seri Anwar",
    "Zelenskyy’s",
    "  MIXED-case, punct.  ",
    "Ἀθῆναι",
    "Ўзбекистон",
    "Jalal al-Din",
    "Þórdís Kolbrún Reykfjörð Gylfadóttir",
    "Nguyễn Phú Trọng",
]


def test_scripts_fold_to_the_latin_key() -> None:
    assert fold("Владимир Путин") == fold("Vladimir Putin") == "vladimir putin"
    assert fold("Александр Лукашенко") == "aleksandr lukashenko"
    assert fold("Κυριάκος Μητσοτάκης") == "kyriakos mitsotakis"
    assert fold("محمد بن سلمان") == "mhmd bn slmn"
    assert fold("Łukasz") == fold("Lukasz") == "lukasz"
    assert fold("Straße") == "strasse"
    assert fold_tight("Xi'an") == fold_tight("Xian") == "xian"
    assert slug("Владимир Путин") == "vladimir-putin"
    assert slug("The Asia-Pacific Region") == "asia-pacific-region"


def test_the_gazetteer_and_focus_use_the_same_folding() -> None:
    assert place_fold("Москва") == place_fold("Moskva") == "moskva"
    assert place_fold("the U.S.") == "us"
    graph = nx.MultiDiGraph()
    graph.add_node("Leader:vladimir-putin", label="Leader", id="vladimir-putin", name="Vladimir Putin")
    assert find_nodes(graph, "Владимир Путин") == ["Leader:vladimir-putin"]


@given(st.text(alphabet=st.characters(codec="utf-8", max_codepoint=0x6FF), max_size=40))
@settings(max_examples=300, deadline=None)
def test_the_table_is_the_python_fold_char_by_char(text: str) -> None:
    """What the page computes from its table (written here in Python) is `fold`."""
    table = js_fold_table([text])
    stripped = "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.category(c).startswith("M")
    )
    mapped = "".join(c if ord(c) < 128 else table.get(c, "") for c in stripped).lower()
    assert " ".join(re.sub(r"[^a-z0-9]+", " ", mapped).split()) == fold(text)


@pytest.mark.browser
def test_the_page_folds_as_python_does(tmp_path: Path) -> None:
    strings = [*SAMPLES, *(s.upper() for s in SAMPLES), "Lukashenka!", "", "  ", "123 Main St."]
    graph = nx.MultiDiGraph()
    for i, name in enumerate(SAMPLES):
        graph.add_node(f"Leader:p{i}", label="Leader", id=f"p{i}", name=name)
    page = write_page(graph, tmp_path / "fold.html").path
    with chromium() as browser, offline_page(browser) as session:
        open_page(session, page)
        # these entities have no event relation, which the overview hides until asked
        session.page.check("#show-lonely")
        folded = session.page.evaluate("(xs) => xs.map((x) => window.diplograph.fold(x))", strings)
        # a Cyrillic query finds the Latin name through the search box
        found = session.page.evaluate("() => window.diplograph.search('Vladimir Putin')")
        found_cyrillic = session.page.evaluate("() => window.diplograph.search('ВЛАДИМИР ПУТИН')")
        assert session.errors == []
    assert folded == [fold(s) for s in strings]
    assert found is not None and found == found_cyrillic

"""Mixed-direction lines: isolates around runs of the other direction, numbers kept in order."""

from __future__ import annotations

from claimwatch.digest.document import Document, Span, quote
from claimwatch.digest.render_text import render_text
from claimwatch.digest.rtl import FSI, LRI, PDI, RLM, for_line


def test_an_arabic_quote_in_an_english_line_is_isolated_whole() -> None:
    doc = Document()
    doc.section().add("Attacks: 16 — ", quote("16 هجومًا في 6 مناطق"), " (al-Naba 373)")
    assert render_text(doc) == f"Attacks: 16 — “{FSI}16 هجومًا في 6 مناطق{PDI}” (al-Naba 373)"


def test_english_lines_are_left_alone() -> None:
    assert for_line("Sinai: 5 ↑ (3) -30.5 %", rtl_line=False) == "Sinai: 5 ↑ (3) -30.5 %"


def test_in_an_arabic_line_numbers_weeks_dates_and_signed_percentages_keep_their_order() -> None:
    line = for_line("التغير: -30.5 % في 2023-W01 حتى 2023-01-08، 1,204 هجمات", rtl_line=True)
    assert line == (f"التغير: {LRI}-30.5 %{PDI} في {LRI}2023-W01{PDI} حتى {LRI}2023-01-08{PDI}، "
                    f"{LRI}1,204{PDI} هجمات")


def test_in_an_arabic_line_latin_names_and_commands_are_isolated() -> None:
    assert for_line("أرسل /lang en — West Africa (ISWAP)", rtl_line=True) == (
        f"أرسل {FSI}/lang en{PDI} — {FSI}West Africa (ISWAP){PDI}")


def test_a_quote_in_its_own_language_is_not_touched_and_an_english_one_is_isolated() -> None:
    assert for_line("16 هجومًا في 6 مناطق", rtl_line=True, verbatim=True) == "16 هجومًا في 6 مناطق"
    assert for_line("16 attacks", rtl_line=True, verbatim=True) == f"{FSI}16 attacks{PDI}"


def test_every_line_of_an_arabic_document_starts_right_to_left() -> None:
    doc = Document(language="ar")
    doc.section("الملخص").add(Span("Sinai: 5")).add("الهجمات: 16")
    assert render_text(doc).splitlines() == [f"{RLM}الملخص", f"{RLM}{FSI}Sinai{PDI}: {LRI}5{PDI}",
                                             f"{RLM}الهجمات: {LRI}16{PDI}"]

"""Where a figure happened: the place its own words name, else the one the sentence is about.

In order of trust: a place in brackets or in a list right before the number
("Iraq (162)", "وأمريكا وأوروبا «صفر عمليات»"); "in X" after the figure, with
lists ("في كل من غرب إفريقيا، وسوريا"); a pronoun pointing back ("تراجعت فيها");
the subject the sentence opened with ("Nigeria is ranked second with 112
attacks"); last, the one place the article's lead is about. "Worldwide" figures
and lists that go on to count each place ("في دول موزمبيق (هجومين)") stay placeless.
"""

from __future__ import annotations

from claimwatch.extract import vocabulary as vocab
from claimwatch.extract.document import WINDOW, Document, Place
from claimwatch.extract.figures import Candidate
from claimwatch.extract.numbers import strip_conjunction

EXPLICIT, NEARBY, ARTICLE = 3, 2, 1
_RELATIVES = vocab.words("الذي التي")


def place_candidates(doc: Document, candidates: list[Candidate]) -> None:
    """Set `regions` and `strength` on each candidate from its own sentence."""
    bound: set[int] = set()
    for candidate in candidates:
        places = _explicit_places(doc, candidate)
        if places is not None:
            candidate.regions = tuple(place.name for place in places)
            candidate.strength = EXPLICIT
            bound.update(place.first for place in places)
    first_figure_of_clause: dict[int, int] = {}
    for candidate in candidates:
        first_figure_of_clause.setdefault(doc.seg.clause_of[candidate.number], candidate.number)
    for candidate in candidates:
        if candidate.strength:
            continue
        place = _sentence_subject(doc, candidate, bound, first_figure_of_clause)
        if place is not None:
            candidate.regions = (place.name,)
            candidate.strength = EXPLICIT if place.locative else NEARBY


def apply_focus(candidates: list[Candidate], focus: str | None) -> None:
    """Figures the text leaves placeless take the one place the article is about (not arrests)."""
    if focus is None:
        return
    for candidate in candidates:
        if not candidate.strength and candidate.metric != "arrested":
            candidate.regions, candidate.strength = (focus,), ARTICLE


def _explicit_places(doc: Document, candidate: Candidate) -> list[Place] | None:
    """The places the figure's own words name; [] for a stated "worldwide"; None when silent."""
    if _is_global(doc, candidate):
        return []
    listed = _listed_before(doc, candidate)
    if listed:
        return listed
    following = _located_after(doc, candidate)
    if following is not None:
        return following
    return _pointed_back(doc, candidate)


def _is_global(doc: Document, candidate: Candidate) -> bool:
    start, end = doc.seg.clause_range(candidate.number)
    start, end = max(start, candidate.number - WINDOW), min(end, candidate.number + WINDOW)
    tokens = doc.seg.tokens
    clause = doc.norm.text[tokens[start].start : tokens[end - 1].end]
    return any(phrase in clause for phrase in vocab.GLOBAL_SCOPE)


def _listed_before(doc: Document, candidate: Candidate) -> list[Place]:
    """Places listed right before the figure: "Iraq (162)", "موزمبيق (هجومين)", "وأمريكا وأوروبا
    «صفر عمليات»", and the places a "بمعدل هجوم واحد لكل دولة" distributes over."""
    index = candidate.first - 1
    if doc.text(index) in ("(", '"'):
        index -= 1
    elif doc.word(index) == "بمعدل" and doc.word(candidate.last + 1) == "لكل":
        index -= 2 if doc.text(index - 1) == "," else 1
    else:
        return []
    place = doc.place_ending(index)
    if place is None:
        return []
    return _chain_back(doc, place)


def _chain_back(doc: Document, place: Place) -> list[Place]:
    """The place and those coordinated before it without counts of their own ("X، وY، وZ")."""
    chain = [place]
    while chain[-1].first > 0 and doc.text(chain[-1].first)[:1] == "و":
        index = chain[-1].first - 1
        if doc.text(index) == ",":
            index -= 1
        earlier = doc.place_ending(index)
        if earlier is None or earlier in chain:
            break
        chain.append(earlier)
    return chain[::-1]


def _chain_forward(doc: Document, place: Place) -> list[Place]:
    """"في كل من غرب إفريقيا، وسوريا": the place and those joined to it by و / and."""
    chain = [place]
    while True:
        index = _skip_brackets(doc, chain[-1].last + 1)
        if doc.text(index) == ",":
            index += 1
        if doc.word(index) == "and":
            index += 1
        following = doc.place_starting(index)
        joined = following is not None and (doc.text(index)[:1] == "و" or doc.word(index - 1) == "and")
        if not joined or following in chain:
            return chain
        chain.append(following)


def _skip_brackets(doc: Document, index: int) -> int:
    if doc.text(index) != "(":
        return index
    for step in range(index + 1, min(index + 15, len(doc.seg.tokens))):
        if doc.text(step) == ")":
            return step + 1
    return index


def _located_after(doc: Document, candidate: Candidate) -> list[Place] | None:
    """"N attacks in X" up to the end of the clause ("…, specifically in Daraa" carries on)."""
    _, end = doc.seg.clause_range(candidate.last)
    index = candidate.last + 1
    end = min(end, index + WINDOW)
    while index < end:
        token = doc.seg.tokens[index]
        if (token.kind == "n" and not _is_year(token.text)) or _starts_other_figure(doc, index):
            return None
        place = doc.place_starting(index)
        if place is not None and place.locative:
            if doc.text(place.last + 1) == "(" and doc.seg.tokens[place.last + 2].kind == "n":
                return []  # "في دول موزمبيق (هجومين)…": a list that counts each place itself
            return _chain_forward(doc, place)
        index += 1
        if index == end and doc.text(end - 1) == "," and doc.word(end) in vocab.ELABORATION:
            _, end = doc.seg.clause_range(end)
    return None


def _is_year(text: str) -> bool:
    return len(text) == 4 and text[:2] in ("19", "20")


def _starts_other_figure(doc: Document, index: int) -> bool:
    """"… مقابل 23 هجومًا", "… against 30 the week before": the rest of the clause is another figure's."""
    word = doc.word(index)
    if word in ("الي", "مقابل", "بينما", "while"):
        return True
    tokens = doc.seg.tokens
    return word in ("against", "compared") and any(
        tokens[i].kind == "n" for i in range(index + 1, min(index + 4, len(tokens)))
    )


def _pointed_back(doc: Document, candidate: Candidate) -> list[Place] | None:
    """"تراجعت فيها بمعدل 60%": a pronoun just before the figure points at the last place named;
    after "الذي/التي" only when that relative clause hangs on a place ("نيجيريا … التي انخفضت فيها")."""
    start, _ = doc.seg.clause_range(candidate.number)
    pronoun = next((i for i in range(candidate.first - 1, max(start, candidate.first - 5) - 1, -1)
                    if _is_resumptive(doc.word(i))), None)
    if pronoun is None:
        return None
    relative = next((i for i in range(pronoun - 1, max(start, pronoun - 4) - 1, -1)
                     if doc.word(i) in _RELATIVES), None)
    if relative is not None and doc.place_ending(_before_brackets(doc, relative - 1)) is None:
        return None
    earlier = [p for p in doc.places_between(doc.window_start(candidate.first), candidate.first) if p.usable]
    return [earlier[-1]] if earlier else None


def _is_resumptive(word: str) -> bool:
    return word in vocab.RESUMPTIVE or strip_conjunction(word) in vocab.RESUMPTIVE


def _before_brackets(doc: Document, index: int) -> int:
    """The token before a bracketed group that ends at `index` ("نيجيريا (ولاية غرب إفريقيا)")."""
    if doc.text(index) != ")":
        return index
    for step in range(index - 1, max(-1, index - 15), -1):
        if doc.text(step) == "(":
            return step - 1
    return index


def _sentence_subject(doc: Document, candidate: Candidate, bound: set[int],
                      first_figure_of_clause: dict[int, int]) -> Place | None:
    """The nearest earlier place of the sentence that no other figure claimed and that no other
    figure's clause holds after its number ("16 هجومًا … أبرزها غرب إفريقيا" names examples)."""
    own_clause = doc.seg.clause_of[candidate.number]
    for place in reversed(doc.places_between(doc.window_start(candidate.first), candidate.first)):
        if not place.usable or place.first in bound:
            continue
        clause = doc.seg.clause_of[place.first]
        if clause != own_clause and first_figure_of_clause.get(clause, place.first) < place.first:
            continue
        return place
    return None

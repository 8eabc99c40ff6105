"""The whole words every match of a regex holds (tonecheck.rules.words), which
the regex sifting looks up among a text's words: what a text's words are,
and what a pattern's are for a few shapes of pattern. That a text a bundled
regex matches holds them, whatever its case, its spaces and the characters
around them, is tests/test_literals.py's end-to-end test of the sifting."""
from __future__ import annotations

from tonecheck.rules.words import clauses, required, text_words


def _alternatives(pattern: str) -> set[frozenset[str]]:
    """The pattern's tree as the sets of words one of which a match holds all of."""
    def expand(tree) -> set[frozenset[str]]:
        kind, value = tree
        if kind == "w":
            return {frozenset((value,))}
        parts = [expand(child) for child in value]
        if kind == "or":
            return set().union(*parts)
        out = {frozenset()}
        for part in parts:
            out = {a | b for a in out for b in part}
        return out

    return expand(required(pattern))


def test_a_text_holds_its_runs_of_letters_and_each_two_in_a_row():
    assert text_words("It's 2pm, OK?") == {"it", "s", "pm", "ok", "it s", "s pm", "pm ok"}


def test_a_letter_beyond_ascii_ends_a_word_but_the_long_s_and_kelvin_sign_fold_to_ascii():
    assert text_words("café") == {"caf"}
    # RE2's case folding matches "ſ" to "s" and the Kelvin sign to "k"
    assert {"sorry", "keep"} <= text_words("ſorry, \u212aeep")


def test_a_word_counts_where_nothing_next_to_it_can_be_a_letter():
    assert _alternatives(r"(?i)(?:^|[^\pL\pN_])or the (?:claim|case) stays(?:$|[^\pL\pN_])") == {
        frozenset({"or", "the", "claim", "stays", "or the", "the claim", "claim stays"}),
        frozenset({"or", "the", "case", "stays", "or the", "the case", "case stays"})}
    # "team" may run on ("teams"), "our" may not: a space follows it
    assert _alternatives(r"(?i)(?:^|[^\pL])our\s+team") == {frozenset({"our"})}


def test_a_class_that_could_be_a_letter_leaves_the_word_out():
    # RE2's \w is ASCII only, so [^\w] matches "ſ", which folds into the word
    assert required(r"(?i)(?:^|[^\w])sorry ") is None
    assert required(r"(?i)(?:^|[^a-z])sorry ") is None
    assert required(r"(?i)(?:^|[^\pL])sorry ") == ("w", "sorry")


def test_digits_and_apostrophes_end_a_word():
    assert required(r"(?i)(?:^|[^\pL])100 ?% sure\b") is None  # \b is ASCII: "sureſ"
    assert _alternatives(r"(?i)(?:^|[^\pL])100 ?% sure ") == {frozenset({"sure"})}
    assert _alternatives(r"(?i)(?:^|[^\pL])can't refund ") == {
        frozenset({"can", "t", "refund", "can t", "t refund"})}


def test_optional_parts_are_spelt_out_and_a_run_of_spaces_reads_as_one():
    assert _alternatives(r"(?i)(?:^|[.!?]\s+)(?:re-?)?send\s+it ") == {
        frozenset({"send", "it", "send it"}), frozenset({"resend", "it", "resend it"}),
        frozenset({"re", "send", "it", "re send", "send it"})}


def test_an_alternative_with_no_flag_group_is_left_out():
    # it flags nothing: listed first, it excludes what it matches
    pattern = r"(?i)(?:^|[^\pL])(?:if you never pay|(?P<flag>you never pay)) "
    assert _alternatives(pattern) == {frozenset({"you", "never", "pay", "you never", "never pay"})}
    assert "if" not in str(required(pattern))


def test_what_needs_no_whole_word_has_no_tree():
    assert required(r"(?i)unfortu\pL*y") is None
    assert required(r"\[[A-Z][a-z]+\]") is None
    assert required("[[:alpha:]]+ing") is None        # Python reads the class otherwise
    assert required("\ue000 (?:^|[^\\pL])no ") is None  # the characters \pL is read as


def test_the_sets_a_match_holds_one_of_each_of_come_rarest_first():
    tree = required(r"(?i)(?:^|[^\pL])(?:we|i) never (?:refund|reimburse) ")
    rates = {"we": 0.5, "i": 0.5, "never": 0.05}
    sets = clauses(tree, rates, 0.005)

    def share(words: tuple[str, ...]) -> float:
        return min(1.0, sum(rates.get(w, 0.005) for w in words))

    assert [share(s) for s in sets] == sorted(share(s) for s in sets)
    assert "we" not in sets[0] and "i" not in sets[0]
    for text in ("We never refund.", "I never reimburse"):
        assert all(not set(s).isdisjoint(text_words(text)) for s in sets), text

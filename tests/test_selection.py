from tonecheck.selection import is_enabled

ID, CAT = "positivity.no-problem", "positivity"


def test_everything_is_on_by_default():
    assert is_enabled(ID, CAT)


def test_select_by_id_prefix_or_category():
    for selector in (ID, "positivity", "positivity."):
        assert is_enabled(ID, CAT, select=[selector])
    assert not is_enabled(ID, CAT, select=["empathy"])
    assert not is_enabled(ID, CAT, select=["positivity.no"])  # prefixes stop at dots


def test_ignore_by_id_prefix_or_category():
    assert not is_enabled(ID, CAT, ignore=["positivity"])
    assert not is_enabled(ID, CAT, ignore=[ID])


def test_the_more_specific_selector_wins():
    assert is_enabled(ID, CAT, select=[ID], ignore=["positivity"])
    assert not is_enabled(ID, CAT, select=["positivity"], ignore=[ID])


# -- a selection decides what is reported, not how a reply scores --------------
IRRITATED = ("As I already said, you didn't send the receipt. Calm down, there's nothing I can "
             "do. No problem, we apologize for any inconvenience.")


def _scores(**options):
    from tonecheck.engine import get_linter

    report = get_linter(**options).check_text(IRRITATED)
    return report.scores.empathy, report.scores.positivity, {f.rule for f in report.findings}


def test_scores_are_the_same_under_any_selection(tmp_path):
    from tests.conftest import TEAM_RULE

    pack = tmp_path / "team.yml"
    pack.write_text(TEAM_RULE)
    default = _scores()
    assert default[2], "the draft should have findings under the default rules"
    for options in ({"select": ("positivity", "empathy", "courtesy")},
                    {"select": ("positivity.no-problem",)},
                    {"ignore": ("ownership", "empathy")},
                    {"ignore": ("all",)},
                    {"rules": (str(pack),), "include_default": False}):
        empathy, positivity, rules = _scores(**options)
        assert (empathy, positivity) == default[:2], options
        assert rules <= default[2] | {"team.hold-on"}, options


def test_a_narrow_selection_still_reports_only_what_it_selects():
    _e, _p, rules = _scores(select=("positivity.no-problem",))
    assert rules == {"positivity.no-problem"}

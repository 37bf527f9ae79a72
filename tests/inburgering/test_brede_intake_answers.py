import pytest
from django.core.exceptions import ValidationError

from koers.access.constants import DataCategory
from koers.inburgering.brede_intake import DOMAINS, TEXT_MAX_LENGTH, clean_answers, domains_for


def test_the_intake_covers_every_domain_the_law_and_the_pilots_ask_for():
    assert [domain.key for domain in DOMAINS] == [
        "taal",
        "opleiding",
        "werk",
        "gezondheid",
        "gezin",
        "netwerk",
        "financien",
        "ambities",
        "praktisch",
    ]
    praktisch = next(domain for domain in DOMAINS if domain.key == "praktisch")
    assert {q.key for q in praktisch.questions} >= {"kinderopvang", "vervoer"}


def test_known_answers_are_kept_trimmed_and_empty_ones_left_out():
    cleaned = clean_answers(
        {
            "werk": {"beroepen": "  Verpleegkundige  ", "vrijwilligerswerk": "ja", "vaardigheden": ""},
            "taal": {"nederlands": "beginner"},
            "netwerk": {"contacten": ""},
        }
    )
    assert cleaned == {
        "werk": {"beroepen": "Verpleegkundige", "vrijwilligerswerk": "ja"},
        "taal": {"nederlands": "beginner"},
    }


@pytest.mark.parametrize(
    "answers, message",
    [
        ({"hobby": {"x": "y"}}, "Onbekend onderdeel"),
        ({"werk": {"salaris": "veel"}}, "Onbekende vraag"),
        ({"taal": {"nederlands": "C2"}}, "Kies een van de mogelijkheden"),
        ({"praktisch": {"kinderopvang": "misschien"}}, "Kies een van de mogelijkheden"),
        ({"werk": {"beroepen": 12}}, "geen tekst"),
        ({"werk": {"beroepen": "x" * (TEXT_MAX_LENGTH + 1)}}, "langer dan"),
        (["werk"], "niet de juiste vorm"),
        ({"werk": "Verpleegkundige"}, "Onbekend onderdeel"),
    ],
)
def test_it_refuses_answers_the_domain_definitions_do_not_know(answers, message):
    with pytest.raises(ValidationError) as error:
        clean_answers(answers)
    assert message in error.value.messages[0]


def test_a_user_sees_only_the_domains_of_the_categories_they_may_see():
    team_lead = frozenset({DataCategory.IDENTITY, DataCategory.EDUCATION_WORK, DataCategory.DUO})
    keys = [domain.key for domain in domains_for(team_lead)]
    assert "gezondheid" not in keys and "financien" not in keys
    assert "taal" in keys

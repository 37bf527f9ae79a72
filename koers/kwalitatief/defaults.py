"""The topic lists and themes a municipality starts with, after the Leidschendam-Voorburg monitoring
(seed 003): topics follow the three policy goals, themes are the barriers and findings it names.
Municipalities change them as data; these are only the starting point."""

from __future__ import annotations

from django.db import transaction

from koers.access.models import Municipality

from .constants import Audience
from .models import Theme, Topic, TopicList

NEWCOMER_TOPICS: tuple[tuple[str, str], ...] = (
    ("Begeleiding", "Wie is uw contactpersoon bij de gemeente en bij de begeleidende organisatie?"),
    ("Begeleiding", "Hoe vaak spreekt u deze persoon, en waarover?"),
    ("Begeleiding", "Wat is goed aan dit contact, en wat kan beter?"),
    ("Doel 1: taalniveau", "Wat vindt u van de taallessen? Wat gaat goed, wat kan beter?"),
    ("Doel 1: taalniveau", "Waar gebruikt u Nederlands buiten de les, bijvoorbeeld op (vrijwilligers)werk?"),
    ("Doel 1: taalniveau", "Wat heeft u nodig om beter Nederlands te spreken?"),
    ("Doel 2: meedoen en verbonden voelen", "Welke activiteiten doet u, zoals sport of vrijwilligerswerk?"),
    ("Doel 2: meedoen en verbonden voelen", "Hoe was het participatieverklaringstraject (PVT)?"),
    ("Doel 2: meedoen en verbonden voelen", "Hoe was de module arbeidsmarkt en participatie (MAP)?"),
    ("Doel 3: zelfredzaam", "Kunt u zich redden met wonen, gezondheid, werk en geld?"),
    ("Doel 3: zelfredzaam", "Weet u waar u terecht kunt met vragen?"),
    ("Doel 3: zelfredzaam", "Wat vindt u van het financieel ontzorgen en de budgettraining?"),
    ("Ervaringen", "Welke hulp helpt u het meest, en wat heeft u gemist?"),
    ("Knelpunten", "Wat maakt het moeilijk: informatie, vervoer, kinderopvang, werk, gehoord worden?"),
)

PROVIDER_TOPICS: tuple[tuple[str, str], ...] = (
    ("Geboden begeleiding", "Welke begeleiding biedt u, en hoe verloopt die in de praktijk?"),
    ("Geboden begeleiding", "Met welke partijen werkt u samen, en hoe gaat dat?"),
    ("Geboden begeleiding", "Verschilt de begeleiding per groep (jongeren, vrouwen, analfabeten, gezinsmigranten)?"),
    ("Doel 1: taalniveau", "Welke ontwikkeling ziet u in het taalniveau van inburgeraars?"),
    ("Doel 2: meedoen en verbonden voelen", "Hoe nemen inburgeraars deel aan activiteiten en (vrijwilligers)werk?"),
    ("Doel 3: zelfredzaam", "Redden inburgeraars zich, en weten zij waar zij terecht kunnen?"),
    ("Uitvoering", "Waar lopen inburgeraars tegenaan, bijvoorbeeld kinderopvang of vervoer?"),
    ("Succes- en knelpunten", "Wat gaat goed, en wat kan beter in de uitvoering?"),
)

THEMES: tuple[tuple[str, str], ...] = (
    ("contactpersoon", "Contactpersoon onbekend of gewisseld"),
    ("informatie", "Informatie en brieven moeilijk te begrijpen"),
    ("regelingen", "Regelingen waar iemand recht op heeft"),
    ("kinderopvang", "Kinderopvang"),
    ("vervoer", "Vervoer en reiskosten"),
    ("gezondheid", "Gezondheid of beperking"),
    ("wachtlijst", "Wachtlijst voor les, PVT of school"),
    ("werk", "Begeleiding naar (betaald) werk"),
    ("gehoord", "Gehoord worden"),
    ("taallessen", "Taallessen"),
    ("ontzorgen", "Financieel ontzorgen"),
    ("gezinsmigranten", "Weinig steun voor gezinsmigranten"),
)


@transaction.atomic
def ensure_defaults(municipality: Municipality) -> None:
    """Give a municipality the starting topic lists and themes, once; what it changed stays."""
    lists = (
        (Audience.NEWCOMERS, "Gesprekspunten inburgeraars", NEWCOMER_TOPICS),
        (Audience.PROVIDERS, "Gesprekspunten uitvoerders en aanbieders", PROVIDER_TOPICS),
    )
    for audience, name, topics in lists:
        if TopicList.objects.filter(municipality=municipality, audience=audience).exists():
            continue
        topic_list = TopicList.objects.create(municipality=municipality, name=name, audience=audience)
        Topic.objects.bulk_create(
            Topic(topic_list=topic_list, position=position, section=section, question=question)
            for position, (section, question) in enumerate(topics, start=1)
        )
    known = set(Theme.objects.filter(municipality=municipality).values_list("code", flat=True))
    Theme.objects.bulk_create(
        Theme(municipality=municipality, code=code, label=label) for code, label in THEMES if code not in known
    )

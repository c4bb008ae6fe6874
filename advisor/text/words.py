"""How the answers speak: their language (gettext catalogs read with Babel) and the currency their
figures are shown in, with numbers, money and dates formatted for the locale (Babel).

English in dollars — the default, and what `advisor calc` and the JSON speak — imports nothing
more than advisor.text.render: Babel is imported only for another language or another currency.
The translations are the `.po` files under ``advisor/text/locale``, read once a process when first
needed; a message with no translation is said in English."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from advisor.config import LANGUAGES
from advisor.text.field_labels import FIELD_LABELS
from advisor.tools.quantity import duration_words


def N_(text: str) -> str:  # the gettext marker the message extractor looks for
    return text


# Where a profile value comes from, as the panel and the report say it.
SOURCE_WORDS = (N_("given"), N_("measured"), N_("derived"), N_("assumed"), N_("set"), N_("missing"))
DURATION_WORDS = (N_("never (overloaded)"),)
# A profile value that is a word of the profile's vocabulary (where the data may go, the agreement, a
# tier), as the panel and the tables say it; the value /set takes stays the id.
VALUE_WORDS = {
    "data_boundary": {
        "on_site": N_("on site"),
        "contract": N_("a provider under contract"),
        "region": N_("a region"),
        "any": N_("anywhere"),
    },
    "agreement": {"baa": N_("BAA"), "dpa": N_("DPA")},
}
LOCALE_PACKAGE = "advisor.text"
DOMAIN = "advisor"
# The locale Babel formats with, per language and currency: a German reader sees "1.234 €", a
# British one "£1,234", a Brazilian one "R$ 1.234", a Swiss one "CHF 1’234".
_LOCALES = {"de": "de_DE", "fr": "fr_FR", "es": "es_ES", "it": "it_IT", "nl": "nl_NL", "pt": "pt_PT", "pl": "pl_PL"}
_REGIONAL_LOCALES = {
    ("en", "GBP"): "en_GB",
    ("en", "EUR"): "en_IE",
    ("pt", "BRL"): "pt_BR",
    ("de", "CHF"): "de_CH",
    ("fr", "CHF"): "fr_CH",
    ("it", "CHF"): "it_CH",
}


@dataclass(frozen=True)
class Rate:
    """How many units of a currency one dollar buys, with where and when that was published."""

    code: str = "USD"
    per_usd: float = 1.0
    as_of: date | None = None
    source: str = ""

    @property
    def is_dollar(self) -> bool:
        return self.code == "USD"


DOLLAR = Rate()
_DURATION = re.compile(r"(\d+(?:\.\d+)?) (ms|s|min|h)")


@dataclass(frozen=True)
class Words:
    """One reader's language and currency; every sentence and figure of an answer goes through it."""

    lang: str = "en"
    rate: Rate = DOLLAR
    _plain: bool = field(default=True, init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_plain", self.lang == "en" and self.rate.is_dollar)

    # ---- language --------------------------------------------------------------------------
    def _(self, message: str, /, **values: Any) -> str:
        """``message`` in the reader's language, its ``{placeholders}`` filled."""
        text = message if self.lang == "en" else translations(self.lang).get(message) or message
        return text.format(**values) if values else text

    def labelled(self, label: str, text: str) -> str:
        """``label: text``, the colon set as the language sets it ('Lu : …' in French)."""
        return self._("{label}: {text}", label=label, text=text)

    def phrase(self, text: str) -> str:
        """A tool's English phrase (a capacity verdict, why an option fails, an assumption) in the
        reader's words, when advisor.text.phrases knows its form; else as it is."""
        if self._plain or not text:
            return text
        from advisor.text.phrases import translate

        return translate(text, self)

    def n_(self, singular: str, plural: str, n: float, /, **values: Any) -> str:
        """The singular or plural form for ``n`` (as the language counts), placeholders filled."""
        if self.lang == "en":
            text = singular if n == 1 else plural
        else:
            forms = translations(self.lang).plural(singular, n)
            text = forms or (singular if n == 1 else plural)
        return text.format(n=self.number(n), **values)

    # ---- figures ---------------------------------------------------------------------------
    @property
    def locale(self) -> str:
        return _REGIONAL_LOCALES.get((self.lang, self.rate.code)) or _LOCALES.get(self.lang, "en_US")

    def money(self, usd: float | None) -> str:
        """A dollar amount in the reader's currency: whole units from 100, cents below ('<0.01' for a
        sum under half a cent)."""
        from advisor.text.render import money

        if usd is None or self._plain:
            return money(usd)
        value = usd * self.rate.per_usd
        if 0 < abs(value) < 0.005:
            return "<" + _babel_money(0.01, self.rate.code, self.locale)
        return _babel_money(value, self.rate.code, self.locale)

    def money_in_currency(self, value: float, digits: int) -> str:
        """An amount already in the reader's currency (rounded by the caller to ``digits``: 0 or 2)."""
        if self.rate.is_dollar and self.lang == "en":
            from advisor.text.render import money

            return f"${value:,.0f}" if digits == 0 else money(value)
        if digits and 0 < abs(value) < 0.005:
            return "<" + _babel_money(0.01, self.rate.code, self.locale)
        return _babel_money(value, self.rate.code, self.locale, digits=digits)

    def price(self, usd: float | None) -> str:
        """A unit price or one call's cost, which may be a fraction of a cent (per million tokens,
        what Claude cost): up to four decimals below 1."""
        from advisor.text.render import price

        if usd is None or self._plain:
            return price(usd)
        value = usd * self.rate.per_usd
        digits = None if abs(value) >= 1 or value == 0 else 4
        return _babel_money(value, self.rate.code, self.locale, digits=digits)

    def amount(self, usd: float | None) -> float | None:
        """A dollar figure in the reader's currency, unrounded."""
        return None if usd is None else usd * self.rate.per_usd

    def per_kwh(self, usd: float) -> str:
        if self._plain:
            return f"${usd:.2f}/kWh"
        return _babel_money(usd * self.rate.per_usd, self.rate.code, self.locale, digits=2) + "/kWh"

    def number(self, value: float, digits: int | None = None) -> str:
        """A plain number: ``1,200`` (``1.200`` in German); ``digits`` after the point, else as it is."""
        if self.lang == "en" and self.locale == "en_US":
            if digits is not None:
                return f"{value:,.{digits}f}"
            return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"
        from babel.numbers import format_decimal

        if digits is not None:
            pattern = "#,##0" + ("." + "0" * digits if digits else "")
            return format_decimal(value, format=pattern, locale=self.locale)
        return format_decimal(value, locale=self.locale)

    def pct(self, share: float | None) -> str:
        """A share as a percentage: ``15%`` (``15 %`` in German and French)."""
        if share is None:
            return "—"
        if self.lang == "en":
            return f"{share:.0%}"
        from babel.numbers import format_percent

        return format_percent(share, locale=self.locale)

    def tokens(self, value: float | None) -> str:
        """A token count as people write it: ``281M`` (``281 Mio.`` in German)."""
        from advisor.text.render import tokens

        if value is None or self.lang == "en":
            return tokens(value)
        if abs(value) < 1e6:  # German and French write thousands out: 8.000, 8 000
            return self.number(round(value))
        from babel.numbers import format_compact_decimal

        return format_compact_decimal(value, locale=self.locale, fraction_digits=1 if abs(value) < 1e4 else 2)

    def months(self, value: float | None) -> str:
        """'4.6 months'; past ten years, 'about 196 years'; None is 'never'."""
        from advisor.text.render import YEARS_FROM_MONTHS

        if value is None:
            return self._("never")
        if value >= YEARS_FROM_MONTHS:
            years = round(value / 12)
            return self.n_("about {n} year", "about {n} years", years)
        return self._("{n} months", n=self.number(value, 1))

    def value(self, name: str, value: Any) -> str:
        """A value by what its name says it is (tools/wording.py): money, months, a share, tokens, seconds."""
        if not isinstance(value, int | float) or isinstance(value, bool):
            if not isinstance(value, str):
                return str(value)
            said = self._(value)  # a word of the catalogs, else a tool's phrases ("1 × rtx-3090: uses 20% …")
            return said if said != value else "; ".join(self._label_or_phrase(part) for part in value.split("; "))
        if name.endswith("_usd"):
            return self.money(value)
        if name.endswith("_months"):
            return self.months(value)
        if name.endswith("_share"):
            if 0 < value < 0.005:  # a box busy a few minutes a day is not '0% busy'
                return self._("under {pct}", pct=self.pct(0.01))
            return self.pct(value)
        if name.endswith("_tokens"):
            return self.tokens(value)
        if name.endswith("_s"):
            return self.duration(value)
        return self.number(value)

    def _label_or_phrase(self, text: str) -> str:
        """A tool's phrase, or an option named as a headline names it (its label without 'Hybrid: ' or
        'Local: ' in front), in the reader's words."""
        said = self.phrase(text)
        if said != text or self._plain:
            return said
        for kind in ("Hybrid", "Local"):
            if (label := self.phrase(f"{kind}: {text}")) != f"{kind}: {text}":
                return label.split(": ", 1)[-1]
        return text

    def duration(self, seconds: float | None) -> str:
        """A request's time as a person reads it: '8.9 s' ('8,9 s' in German), '3.7 min', '2.1 h'."""
        return self.duration_said(duration_words(seconds))

    def duration_said(self, text: str) -> str:
        """A duration the tools wrote ('8.9 s', 'never (overloaded)') as the reader's locale writes it."""
        if self.lang == "en":
            return text
        if not (match := _DURATION.fullmatch(text)):
            return self._(text)
        figure, unit = match.groups()
        digits = len(figure.partition(".")[2])
        return f"{self.number(float(figure), digits)} {unit}"

    def format_value(self, key: str, value: Any) -> str:
        """A profile or result value by its field name, as render.format_value writes it, for this
        reader: money in their currency, numbers and shares as their locale writes them."""
        from advisor.text.render import format_value

        if self._plain:
            return format_value(key, value)
        if isinstance(value, bool) or value is None:
            if key.endswith("months"):
                return self.months(value)
            return {True: self._("yes"), False: self._("no"), None: "—"}[value]
        if isinstance(value, float | int):
            if key.endswith("_per_kwh"):
                return self.per_kwh(value)
            if key.endswith("_usd_per_million"):
                return self.price(value)
            if key.endswith(("_usd", "_usd_per_month")):
                return self.money(value)
            if "tokens" in key:
                return self.tokens(value)
            if key.endswith("months"):
                return self.months(value)
            if key.endswith(("share", "pct")):
                return self.pct(value)
            if key == "requests_per_day" and not float(value).is_integer():
                return "~" + self.number(round(value) if value >= 10 else value, 0 if value >= 10 else 2)
            return self.number(value)
        if isinstance(value, date):
            return self.date(value)
        if key in ("privacy", "routine_tier", "hard_tier") and isinstance(value, str):
            return self._(value)
        if key in VALUE_WORDS and isinstance(value, str):
            return self._(VALUE_WORDS[key].get(value, value))
        return format_value(key, value)

    def field_name(self, field: str) -> str:
        """A profile field as a table names it: 'requests per day' ('Anfragen pro Tag')."""
        label = FIELD_LABELS.get(field, field.replace("_", " "))
        return label if self.lang == "en" else self._(label)

    def tick(self, value: float) -> str:
        """A chart's money tick, ``value`` already in the reader's currency: '$40K', '40.000 €'."""
        if self._plain:
            from advisor.text.chart import _dollars

            return _dollars(value)
        from babel.numbers import format_compact_currency

        return format_compact_currency(value, self.rate.code, locale=self.locale, fraction_digits=1)

    def document(self) -> dict[str, Any]:
        """How the answers speak, for a JSON document: their language, and the currency their text
        shows figures in, with the rate, its date and its source (the JSON's figures stay dollars)."""
        rate = self.rate
        currency: dict[str, Any] = {"code": rate.code, "per_usd": rate.per_usd}
        if not rate.is_dollar:
            currency |= {"as_of": rate.as_of.isoformat() if rate.as_of else None, "source": rate.source}
        return {"language": self.lang, "currency": currency}

    def rate_line(self) -> str:
        """The rate the figures were converted at, its date and its source: said once (the report)."""
        if self.rate.is_dollar:
            return ""
        return self._(
            "Figures in {currency}, converted from dollars at {rate} per dollar: {source}, of {day}.",
            currency=self.rate.code,
            rate=_babel_money(self.rate.per_usd, self.rate.code, self.locale, digits=4),
            source=self.rate.source.split(",")[0],
            day=self.date(self.rate.as_of),
        )

    def date(self, day: date | None) -> str:
        if day is None:
            return "—"
        if self.lang == "en":
            return day.isoformat()
        from babel.dates import format_date

        return format_date(day, format="long", locale=self.locale)


ENGLISH = Words()


def words_for(lang: str | None, currency: str | None, catalog: Any) -> Words:
    """The Words for a reader: their language (English by default) and their currency at the
    catalog's euro reference rates (dollars when unknown)."""
    from advisor.tools.catalog import per_usd

    lang = lang if lang in LANGUAGES else "en"
    code = (currency or "USD").upper()
    per = per_usd(catalog, code) if code != "USD" else None
    if not per:
        return Words(lang=lang)
    entry = catalog.currencies[code]
    return Words(lang=lang, rate=Rate(code=code, per_usd=per, as_of=entry.as_of, source=entry.source))


def _babel_money(value: float, code: str, locale: str, digits: int | None = None) -> str:
    """``value`` in ``code`` as ``locale`` writes money, rounded as the dollar figures are."""
    from babel.core import Locale
    from babel.numbers import format_currency

    if digits is None:
        digits = 0 if abs(value) >= 100 else 2
    standard = Locale.parse(locale).currency_formats["standard"].pattern
    fraction = "." + "0" * min(digits, 2) + "#" * max(digits - 2, 0) if digits else ""
    pattern = re.sub(r"0(?:\.0+)?(?=[^0#.,]*$|;)", "0" + fraction, standard, count=1)
    return format_currency(value, code, format=pattern, locale=locale, currency_digits=False)


# ---- the catalogs --------------------------------------------------------------------------------
class Translations:
    """One language's messages, read from its ``.po`` file: msgid → msgstr (plural forms apart)."""

    def __init__(self, messages: dict[str, str], plurals: dict[str, list[str]], plural_index: Any) -> None:
        self.messages = messages
        self.plurals = plurals
        self.plural_index = plural_index

    def get(self, message: str) -> str | None:
        return self.messages.get(message) or None

    def plural(self, singular: str, n: float) -> str | None:
        forms = self.plurals.get(singular)
        if not forms:
            return None
        index = self.plural_index(int(n) if float(n).is_integer() else 2)
        return forms[min(index, len(forms) - 1)] or None


def po_path(lang: str):  # -> importlib.resources Traversable
    return resources.files(LOCALE_PACKAGE) / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=len(LANGUAGES))
def translations(lang: str) -> Translations:
    """The language's catalog (Babel reads the ``.po``); an empty one when it has none."""
    import gettext
    from io import BytesIO

    path = po_path(lang)
    if not path.is_file():
        return Translations({}, {}, lambda n: 0 if n == 1 else 1)
    from babel.messages.pofile import read_po

    catalog = read_po(BytesIO(path.read_bytes()), locale=lang, domain=DOMAIN)
    messages: dict[str, str] = {}
    plurals: dict[str, list[str]] = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple | list):
            plurals[message.id[0]] = list(message.string)
        elif message.string:
            messages[message.id] = message.string
    return Translations(messages, plurals, gettext.c2py(catalog.plural_expr))

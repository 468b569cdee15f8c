"""A 绩效值's text in the form the grammar reads: NFKC, no spaces or tags, and what copies, scans and people write
put into figures the grammar knows — a scan's misread characters (lOO% → 100%), Chinese numerals (二〇二六年十月底前,
十二月底前, 百分之九十五), capital amounts (壹万元), a month's ten days (12月上旬), a rate's denominator written in
brackets or run together (元/（人·月）, 元/人月), an amount per head written before it (人均≥2000元), a day counted from
the event's (T+1), service hours as days times hours (7×24小时).
"""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

CHINESE_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CHINESE_POWERS = {"十": 10, "百": 100, "千": 1000}


_SPACE = re.compile(r"\s+")
#: a decimal digit of another script (᭘, ٣): Python's \d matches it, the grammar's numbers then read it as the digit
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")
_TAG = re.compile(r"<[^<>]{0,200}>")


#: characters a copy or a scan leaves in a value that show nothing (zero-width spaces and joiners, a word joiner, a
#: byte-order mark, a soft hyphen) or that stand for another: bullets for the · of a rate (元/人•月), the care-of
#: sign a scan gives for % (≥90℅), 萬 for 万
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_INVISIBLE_OR_LOOKALIKE = {**dict.fromkeys(map(ord, INVISIBLE)), **{ord(char): "·" for char in "•‧∙・･"},
                           ord("℅"): "%", ord("萬"): "万",
                           # the ratio sign and the minus sign, which NFKC keeps (1∶1.2, −5%): a colon and a hyphen
                           ord("∶"): ":", ord("−"): "-"}
_NEEDS_REPAIR = re.compile(f"[{INVISIBLE}•‧∙・･℅萬∶−]")


#: the full-width punctuation (and the ideographic space) that keeps most Chinese cell text from being NFKC already,
#: each with its NFKC form: ， → ,  （ → (  ） → )  ： → :  ； → ;  ％ → %  ！ → !  ？ → ?
_WIDE_MARKS = tuple((chr(code), unicodedata.normalize("NFKC", chr(code)))
                    for code in (0xFF0C, 0xFF08, 0xFF09, 0xFF1A, 0xFF1B, 0xFF05, 0xFF01, 0xFF1F, 0x3000))


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, in a fraction of its time for the usual Chinese text.

    CPython's NFKC of a text that is not NFKC already costs microseconds even for a short cell (项目年度金额（元）),
    tens of them for a paragraph; and what keeps a Chinese text from being NFKC is mostly its full-width
    punctuation. Replacing those characters by their NFKC forms gives the NFKC of the text whenever the result is
    NFKC (the compatibility decomposition is made character by character, up to the order of combining marks, and
    a character decomposes as its NFKC form does); else the text is normalised as it always was."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    for wide, narrow in _WIDE_MARKS:
        if wide in text:
            text = text.replace(wide, narrow)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


#: what a scan reads into a number: O or o for 0 and l for 1 in a run of digits (≤5O万元, 2O27年1O月3l日, lOO%,
#: 2,4OO,OOO: a run holding a digit, or one ending in %), 。 or a comma for the decimal point (95。5%, 92,5%), 曰 for
#: 日 after a day, 圆 or 亓 for 元, 《= and 》= for ≤ and ≥, a table rule's | at either end
_OCR_RUN = re.compile(r"(?<![A-Za-z])[0-9Ool][0-9Ool.,]*(?![A-Za-z])")
_OCR_DIGITS = str.maketrans("Ool", "001")
_OCR_DECIMAL = re.compile(r"(?<=\d)(?:。(?=\d)|,(?=\d{1,2}%))")
_RULE_EDGE = "|丨"


def _ocr_repaired(text: str) -> str:
    """A normalised value with the characters a scan misreads in numbers put right (see :data:`_OCR_RUN`)."""
    if text[0] in _RULE_EDGE or text[-1] in _RULE_EDGE:
        text = text.strip(_RULE_EDGE) or text
    text = text.replace("《=", "≤").replace("》=", "≥")
    if "。" in text or "," in text:
        text = _OCR_DECIMAL.sub(".", text)
    if "曰" in text:
        text = re.sub(r"(?<=月\d)曰|(?<=月\d\d)曰", "日", text)  # (12曰前 with no 月 may be 12月前 misread: left)
    if "圆" in text or "亓" in text:  # (万圆, 5000亓/场: a scan's or an old form's 元)
        text = re.sub(r"(?<=[\d万千亿])[圆亓]", "元", text)
    return _OCR_RUN.sub(_digits_of_run, text)


def _digits_of_run(match: re.Match) -> str:
    run = match.group()
    after = match.string[match.end():match.end() + 1]
    if run.isdigit() or not (any(char.isdigit() for char in run) or after == "%" and len(run) > 1):
        return run  # (a lone l or O before % is no number read wrong: too little to tell)
    if run[0].isalpha() and run[-1].isalpha() and sum(char.isdigit() for char in run) == 1 and len(run) == 3:
        return run  # (O2O: a word, not a number)
    if not after and run[-1] == "l":
        run, tail = run.rstrip("l"), run[len(run.rstrip("l")):]  # (≥500l: litres, the unit U305 may name)
        return run.translate(_OCR_DIGITS) + tail
    return run.translate(_OCR_DIGITS)


#: a date written in Chinese numerals (二〇二六年十月底前, 二〇二六年十二月三十一日前)
_CHINESE_DATE = re.compile(r"^(?P<year>[〇零一二三四五六七八九]{4})年(?:(?P<month>[一二三四五六七八九十]{1,3})月)?"
                           r"(?:(?P<day>[一二三四五六七八九十]{1,3})[日号])?")


def _year_digits(year: str) -> str:
    """A year's four Chinese numerals in figures (二〇二六 → 2026; ○, a circle for 〇, is 0 too)."""
    return "".join(str(CHINESE_DIGITS.get(char, 0)) for char in year)


#: a year in Chinese numerals anywhere in a text, before its 年 (二〇二六年度项目支出绩效目标表, （二零二六年）)
_YEAR_IN_NUMERALS = re.compile(r"[一二][〇○零一二三四五六七八九]{3}(?=\s*年)")


def digit_years(text: str) -> str:
    """The text with its years in Chinese numerals written in figures (二〇二六年 → 2026年); other text unchanged."""
    if "年" not in text or _YEAR_IN_NUMERALS.search(text) is None:
        return text
    return _YEAR_IN_NUMERALS.sub(lambda match: _year_digits(match.group()), text)


def _chinese_date(text: str) -> str:
    """A date in Chinese numerals in digits (二〇二六年十月底前 → 2026年10月底前); other text unchanged."""
    match = _CHINESE_DATE.match(text)
    if match is None:
        return text
    date = _year_digits(match["year"]) + "年"
    if match["month"]:
        date += f"{chinese_numeral(match['month'])}月"
    if match["day"]:
        date += f"{chinese_numeral(match['day'])}日"
    return date + text[match.end():]


#: capital numerals, as on a cheque (肆万元整)
CAPITAL_DIGITS = re.compile("[壹贰叁肆伍陆柒捌玖]")
_DIGITS = dict(zip("零壹贰叁肆伍陆柒捌玖", range(10)))
_SMALL_UNITS = {"拾": 10, "佰": 100, "仟": 1000}
_CAPITAL = re.compile(r"^(?:人民币)?(?P<whole>[零壹贰叁肆伍陆柒捌玖拾佰仟万亿]+)[元圆]"
                      r"(?:(?P<jiao>[壹贰叁肆伍陆柒捌玖])角)?(?:零?(?P<fen>[壹贰叁肆伍陆柒捌玖])分)?[整正]?$")


def capital_amount(text: str) -> Decimal | None:
    """An amount written in capital numerals (肆万元整, 壹拾贰万叁仟肆佰伍拾陆元柒角捌分) in 元, or None."""
    match = _CAPITAL.match(re.sub(r"\s+", "", text))
    if match is None:
        return None
    total = section = number = 0
    for char in match["whole"]:
        if char in _DIGITS:
            number = _DIGITS[char]
        elif char in _SMALL_UNITS:
            section += (number or 1) * _SMALL_UNITS[char]
            number = 0
        elif char == "万":
            total += (section + number) * 10_000
            section = number = 0
        else:  # 亿
            total = (total + section + number) * 100_000_000
            section = number = 0
    amount = Decimal(total + section + number)
    if match["jiao"]:
        amount += Decimal(_DIGITS[match["jiao"]]) / 10
    if match["fen"]:
        amount += Decimal(_DIGITS[match["fen"]]) / 100
    return amount


#: a percentage or a per-mille written out (百分之九十五, 百分之九十五点五, 百分之95, 百分之百, 千分之五)
_FRACTION = re.compile(r"(?P<base>十万|[百千万])分之(?:(?P<chinese>[零一二两三四五六七八九十百]+)(?:点(?P<decimals>[零〇一二三四五六七八九]+))?"
                       r"|(?P<digits>\d+(?:\.\d+)?))")


def _fraction_as_percent(match: re.Match) -> str:
    """百分之九十五 → 95%, 千分之五 → 5‰."""
    if match["digits"]:
        number = match["digits"]
    else:
        number = str(chinese_numeral(match["chinese"]))
        if match["decimals"]:
            number += "." + "".join(str(CHINESE_DIGITS[char]) for char in match["decimals"])
    return number + _FRACTION_UNITS[match["base"]]


#: 百分之九十五 → 95%, 千分之五 → 5‰, 万分之一 → 1/万, 十万分之三 → 3/10万 (the rates health tables use)
_FRACTION_UNITS = {"百": "%", "千": "‰", "万": "/万", "十万": "/10万"}


#: a month (and day) in Chinese numerals after a year or at the start (十二月底前, 2026年十月三十一日前)
_CHINESE_MONTH = re.compile(r"(?:(?<=年)|^)(?P<month>十[一二]?|[一二三四五六七八九])月(?:(?P<day>三十[一]?|二?十[一二三四五六七八九]?"
                            r"|[一二三四五六七八九])(?P<mark>[日号]))?(?=[底末份初中前内止上下日号]|$|\d)")
#: a rate's denominator in brackets (元/（人·月）: NFKC has made the brackets ASCII)
_BRACKETED_PER = re.compile(r"/\(([^()/]{1,8})\)")
#: a person and a period written together after a slash (元/人月, 元/人年: the period of a rate per person), also at a
#: range's first bound (150元/人天-200元/人天: both bounds alike)
_RUN_TOGETHER_PERIOD = re.compile(r"(?<=/)([人户生名])([月年天日])(?=$|[以及之内左上]|[)）]|[\-~至到—–])")


#: a month's first, middle or last ten days (12月上旬): by its 10th, 20th or end
_TEN_DAYS = re.compile(r"(?<=\d月)([上中下])旬")
#: 人·次 for 人次 (≥1万人·次), but not after a rate's slash and a head of population (株/万人·次)
_PERSON_TIMES = re.compile(r"(?<!/[万千百])(?<!/十万)人·次")
#: the verbs of a change written after a head (户均增收≥2000元, 亩均增产≥50公斤, 人均可支配收入增长≥7%): one list for the
#: readings of an average per head here and in parse
HEAD_CHANGE_VERBS = "增收|增产|增加|增长|提高|提升|减少|降低|下降"
#: an amount per head written before it (人均≥2000元, 户均3000元以内): a rate per that head; also a change of it (户均增收
#: ≥2000元, 人均增收1500元以上, 户均较上年增收≥2000元: a change of that rate, 增收≥2000元/户)
_AVERAGE_AMOUNT = re.compile(r"^(?P<period>[月年])?(?P<item>[人户生村亩])均"
                             r"(?P<change>(?:同比|较上年度?|比上年度?|较去年|比去年)?(?:" + HEAD_CHANGE_VERBS + "))?"
                             r"(?P<amount>(?:[≥≤<>=]|不低于|不高于|不超过|不少于|"
                             r"不多于|控制在)?\d+(?:\.\d+)?[万千]?元)(?:/(?P<per>月|年))?(?P<tail>以上|以下|以内|左右)?$")


def _average_amount(match: re.Match) -> str:
    """人均≥2000元 → ≥2000元/人; 人均600元/月 and 月人均600元 → 600元/人·月; 户均增收≥2000元 → 增收≥2000元/户."""
    period = match["per"] or match["period"]
    return (f"{match['change'] or ''}{match['amount']}/{match['item']}{'·' + period if period else ''}"
            f"{match['tail'] or ''}")


def _by_ten_days(match: re.Match) -> str:
    return {"上": "10日", "中": "20日", "下": "底"}[match[1]]


def _month_in_digits(match: re.Match) -> str:
    date = f"{chinese_numeral(match['month'])}月"
    if match["day"]:
        date += f"{chinese_numeral(match['day'])}{match['mark']}"
    return date


#: 'does not apply' said twice or more, as the cells of a split value give it when each says it (指标性质 | 目标值 |
#: 度量单位 all 无: 无无无; 无 | /): one 无
_NOT_APPLICABLE_REPEATED = re.compile(r"(?:无|/|—+|不适用){2,}")
_NOT_APPLICABLE_STARTS = "无/—不"


def normalise_value(text: str) -> str:
    """NFKC, HTML tags dropped, whitespace removed, a scan's misread characters put right: the grammar's input
    form."""
    if _NEEDS_REPAIR.search(text):
        text = text.translate(_INVISIBLE_OR_LOOKALIKE)
    text = nfkc(text)
    text = _TAG.sub("", text)
    # normalise again once spaces are gone: a combining mark after a space composes only then
    text = nfkc(_SPACE.sub("", text)).replace("～", "~").replace("〜", "~")
    if _OTHER_DIGIT.search(text):  # (digits of other scripts, which NFKC keeps: read as the digits they are)
        text = _OTHER_DIGIT.sub(lambda match: str(unicodedata.digit(match.group())), text)
    if text[:1] in "〇零一二":
        text = _chinese_date(text)
    if "分之" in text:
        text = _FRACTION.sub(_fraction_as_percent, text)
    if text[:1] in _DOUBLED_COMPARATOR_STARTS and (doubled := _DOUBLED_COMPARATOR.match(text)) is not None:
        text = _DOUBLED[doubled.group()] + text[doubled.end():]  # ≥=105%, =>80%
    if "." in text and (dotted := _DOTTED_MONTH.match(text)) is not None:
        # 2026.12月底 → 2026年12月底, 12.31前 → 12月31日前: a dotted date with the words of a written one
        text = (f"{dotted['year']}年{dotted['month']}月" if dotted["year"] else f"{dotted['month2']}月{dotted['day']}日"
                ) + text[dotted.end():]
    if "月" in text and _CHINESE_MONTH.search(text):
        text = _CHINESE_MONTH.sub(_month_in_digits, text)  # 十二月底前, 2026年十月三十一日前
    if "旬" in text:
        text = _TEN_DAYS.sub(_by_ten_days, text)  # 12月上旬 → by 12月10日; 下旬 → by the month's end
    if "均" in text[1:3] and _AVERAGE_AMOUNT.match(text):
        text = _AVERAGE_AMOUNT.sub(_average_amount, text)  # 人均≥2000元 → ≥2000元/人
    if "/" in text:
        # 元/（人·月） → 元/人·月; 元/人月, 元/人年 → 元/人·月, 元/人·年; 人·次 → 人次
        text = _BRACKETED_PER.sub(r"/\1", text)
        text = _RUN_TOGETHER_PERIOD.sub(r"\1·\2", text)
    if "·次" in text:
        text = _PERSON_TIMES.sub("人次", text)  # (not 株/万人·次: per 万人 and per time, a rate's denominators)
    if "人·" in text:
        text = _PERSON_DAYS.sub(r"人\1", text)  # (≥1200人·天: person-days, as 人天; 元/人·天 stays a rate)
    if "每" in text and _EACH_AFTER.search(text):
        text = _EACH_AFTER.sub(r"/\g<per>·\g<period>", text)  # 1000元每人每月 → 1000元/人·月
    if "台/套" in text:
        text = text.replace("台/套", "台套")  # (30台/套: 台 or 套, not 台 per 套)
    if text[:1] in _NOT_APPLICABLE_STARTS and _NOT_APPLICABLE_REPEATED.fullmatch(text):
        text = "无"  # (无 in each of a split value's columns — 指标性质, 目标值, 度量单位 —, joined: 无无无)
    if "‱" in text:
        text = text.replace("‱", "/万")  # per ten thousand (森林火灾受害率 ≤0.9‱): as 万分之三 is read, ≤3/万
    if "AA" in text:
        text = _A_GRADE.sub(lambda match: f"{len(match.group())}A", text)  # AAAA级景区 → 4A级景区
    if "K" in text and _UPPER_UNIT.search(text):
        text = _UPPER_UNIT.sub(lambda match: _UPPER_UNITS[match.group()], text)  # ≥60KM → ≥60km, 500KG → 500kg
    if "+" in text and text[0] in "Tt" and (settled := _SETTLEMENT_DAY.match(text)) is not None:
        text = f"≤{settled['days']}{settled['unit'] or '工作日'}"  # T+1 → ≤1工作日: by the working day after
    if text[:1].isdigit() and _SERVICE_HOURS_SIGN.search(text, 1, 5) and (hours := _SERVICE_HOURS.match(text)):
        text = _service_hours(hours)  # 7×24小时 → 168小时/周, 5×8小时 → 40小时/周
    elif text[:1].isdigit() and "时" in text and (daily := _DAILY_SERVICE.match(text)) is not None:
        text = f"{daily['hours']}小时/天"  # 24小时值守 → 24小时/天
    if ("成" in text or "半" in text or "分之" in text or "/" in text) and _SHARE.match(text):
        text = _SHARE.sub(_share_as_percent, text)  # ≥九成 → ≥90%, 过半 → >50%, 三分之二以上 → 66.67%以上
    return _ocr_repaired(text) if text and _MAY_NEED_OCR.search(text) else text


#: a grade written as its letters (AAA级, AAAAA级景区): the number of As, as 3A级 writes it
_A_GRADE = re.compile(r"(?<![A-Za-z])A{2,5}(?=级)")
#: a unit symbol typed in capitals after a number (≥60KM, 500KG, 100KW, 10KV): the symbol meant
_UPPER_UNITS = {"KM": "km", "Km": "km", "KG": "kg", "Kg": "kg", "KW": "kW", "KWH": "kWh", "KWh": "kWh", "KV": "kV",
                "KVA": "kVA"}
_UPPER_UNIT = re.compile(r"(?<=\d)(?:KWH|KWh|KVA|KM|Km|KG|Kg|KW|KV)(?![A-Za-z])")
#: a day counted from the day of the event, T (T+1: data or money delivered the next working day, T+0 the same day):
#: within that many working days, unless the days are named (T+1日, T+3个工作日)
_SETTLEMENT_DAY = re.compile(r"^[Tt]\+(?P<days>\d{1,2})(?P<unit>个?工作日|日|天)?(?:内|之内|以内)?$")
#: service hours as days of a week (or of a year) times hours a day: 7×24小时 (round the clock), 5×8小时 (office hours),
#: 7*24, 365天×24小时; a week of 5, 6 or 7 days only (2×4小时 may be two sessions of four hours), and bare 7×24 only
#: (5×8 may be metres)
_SERVICE_HOURS_SIGN = re.compile("[×xX*]")
_SERVICE_HOURS = re.compile(r"^(?P<days>[5-7]|36[56])(?:天|日)?[×xX*](?P<hours>[1-9]|1\d|2[0-4])(?P<unit>个?小时|h|H)?"
                            r"(?:不间断|全天候)?(?:服务|在线|运行|值守|值班|响应|监控|运维|保障|技术支持)?$")

#: hours of service a day, the service named after them (24小时值守, 24小时在线, 8小时开放): not a time limit, as
#: 2小时响应 is (the service due within it)
_DAILY_SERVICE = re.compile(r"^(?P<hours>[1-9]|1\d|2[0-4])个?小时(?:不间断|全天候)?(?:值守|值班|在线|运行|监控|开放|服务|运维)$")


def _service_hours(match: re.Match) -> str:
    """7×24小时 → 168小时/周, 5×8小时 → 40小时/周, 365×24小时 → 8760小时/年: hours of service a week (a year)."""
    days, hours = int(match["days"]), int(match["hours"])
    if match["unit"] is None and (days, hours) != (7, 24):
        return match.group()
    return f"{days * hours}小时/{'周' if days <= 7 else '年'}"


#: a comparator typed twice or back to front (≥=105%, ≥＝ after NFKC, =>80%, =<5%): the comparator meant
_DOUBLED = {"≥=": "≥", "≤=": "≤", "=>": "≥", "=<": "≤", "=≥": "≥", "=≤": "≤", ">==": "≥", "<==": "≤"}
_DOUBLED_COMPARATOR = re.compile("^(?:" + "|".join(sorted(map(re.escape, _DOUBLED), key=len, reverse=True)) + ")")
_DOUBLED_COMPARATOR_STARTS = frozenset(key[0] for key in _DOUBLED)
#: a dotted date with a written date's words after it: 2026.12月底 (year and month), 12.31前 (month and day, then a
#: bound: a bare 12.31 stays a number)
_DOTTED_MONTH = re.compile(r"^(?:(?P<year>(?:19|20)\d\d)\.(?P<month>1[0-2]|0?[1-9])(?=月)月"
                           r"|(?P<month2>1[0-2]|0?[1-9])\.(?P<day>3[01]|[12]\d|0?[1-9])(?=前|之前|以前))")


#: a rate written with 每 after the amount, two denominators (1000元每人每月, 50元每亩每年): 元/人·月
_EACH_AFTER = re.compile(r"(?<=元)每(?P<per>人|户|生|亩|村|名|次|场|公里|平方米)每(?P<period>年|月|天|日|季度|学期|学年)$")


#: person-days after a number, not a rate's denominator (≥1200人·天, not 30元/人·天)
_PERSON_DAYS = re.compile(r"(?:(?<=\d)|(?<=\d万))人·([天日])(?!历)")  # (not 元/人·日历日, 株/万人·日)
#: a share written in words or as a fraction, the whole value: ≥九成, 八成以上, 过半, 一半以上, 三分之二以上, ≥2/3
_SHARE = re.compile(r"^(?P<cmp>≥|>=|>|≤|<=|<|不低于|不少于|达到|超过|至少)?"
                    r"(?:(?P<tenths>[一二三四五六七八九])成|(?P<half>过半|一半|半数)"
                    r"|(?P<den>[二三四五六七八九十])分之(?P<num>[一二三四五六七八九])|(?P<dnum>[1-9])/(?P<dden>[1-9]))"
                    r"(?P<post>及以上|以上|以下|以内|左右)?$")


def _share_as_percent(match: re.Match) -> str:
    comparator = match["cmp"] or ""
    if match["tenths"]:
        number = str(CHINESE_DIGITS[match["tenths"]] * 10)
    elif match["half"]:
        number = "50"
        if match["half"] == "过半" and not comparator:
            comparator = ">"
    else:
        numerator = CHINESE_DIGITS[match["num"]] if match["num"] else int(match["dnum"])
        denominator = chinese_numeral(match["den"]) if match["den"] else int(match["dden"])
        if numerator >= denominator:
            return match.group()
        number = format(round(Decimal(numerator * 100) / denominator, 2).normalize(), "f")
    return f"{comparator}{number}%{match['post'] or ''}"


#: a value a scan may have misread (letters among digits, 。 or a comma after a digit, 曰, 《, a rule's |)
_MAY_NEED_OCR = re.compile(r"[Ool](?=[0-9Ool.,]*[0-9%])|[\d万千亿][Ool。,曰圆亓]|[《》|丨]")


def chinese_numeral(text: str) -> int:
    """Value of a simple Chinese numeral: 三 → 3, 十二 → 12, 二十 → 20, 一百零五 → 105."""
    total, digit = 0, None
    for char in text:
        if char in CHINESE_DIGITS:
            digit = CHINESE_DIGITS[char]
        elif char in _CHINESE_POWERS:
            total += (1 if digit is None else digit) * _CHINESE_POWERS[char]
            digit = None
    return total + (digit or 0)

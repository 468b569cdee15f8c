"""A corpus of synthetic performance-target tables (项目支出预算绩效目标表) for the benchmark.

Each table looks like the ones county departments publish (see
``examples/pingluo-social-work-2026.txt``): a numbered title, the ``(2026 年)``
line, the header fields (项目名称, 主管部门 | 实施单位, 项目属性 | 项目期限,
资金主管处(科、股)室 | 项目年度金额(元), 项目年度绩效目标), then the indicator
grid of the legacy tree (产出/数量/质量/时效/成本, 效益/经济/社会/生态/可持续,
满意度/服务对象满意度) with merged 一级/二级 cells left empty.

Values come in every form the domain knows — ``≥95%``, ``2026 年 12 月底前``,
``4 万元``, ``2235 元/人·月``, ``不少于 12 场次``, ``逐步提高``, ``无`` — and
repeat the way real ones do: a few hundred distinct satisfaction and rate
values, thousands of distinct counts and amounts.

Errors are injected at a known rate (``--error-rate``, per table and per kind):

* ``cost-sum-off``: one 成本指标 amount changed, so the cost rows no longer add up to 项目年度金额;
* ``qualitative-quantity``: a 数量指标 whose value is a bare direction phrase (逐步提高);
* ``headcount-in-ge``: a 人数 indicator counted in 个 (432 个);
* ``office-typo``: a one-character typo in 资金主管处(科、股)室 (行政教科文案);
* ``satisfaction-100``: a 满意度 target of exactly 100%;
* ``year-only-deadline``: a 时效 value that is a year alone (2026 年);
* ``rate-over-100``: a rate above 100% (≥120%).

The manifest (``manifest.json``) records the seed, the number of tables,
indicator rows (values), distinct values, bytes and the count of each injected
error, so a run can be checked against what went in.

Deterministic by seed: file *k* of a corpus depends only on the seed and *k*,
so the first 1,000 tables of the 10k corpus are the 1k corpus.

Usage::

    python bench/generate.py OUT_DIR --tables 10000 [--per-file 100] [--seed 2026]
                             [--format txt|xlsx] [--error-rate 0.05] [--year 2026]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

# ----------------------------------------------------------------------------- vocabulary
COUNTIES = ("平罗县", "贺兰县", "永宁县", "灵武市", "盐池县", "同心县", "西吉县", "隆德县", "泾源县", "彭阳县", "海原县",
            "中宁县", "沙坡头区", "红寺堡区", "惠农区", "大武口区", "利通区", "青铜峡市", "原州区", "金凤区")
DEPARTMENTS = ("社会工作部", "民政局", "教育局", "卫生健康局", "农业农村局", "自然资源局", "住房和城乡建设局", "交通运输局",
               "文化旅游广电局", "人力资源和社会保障局", "财政局", "应急管理局", "司法局", "生态环境局", "水务局",
               "市场监督管理局", "退役军人事务局", "医疗保障局", "林业和草原局", "科学技术局", "体育局", "统计局")
DEPARTMENT_PREFIX = ("中国共产党{county}委员会", "{county}", "{county}人民政府")
OFFICES = ("行政政法室", "行政教科文室", "经济建设室", "农业农村室", "社会保障室", "预算室", "综合室")
# one-character typos of the office names (行政教科文案 is the one seen in the sample)
OFFICE_TYPOS = {"行政教科文室": ("行政教科文案", "行政教科问室", "行政教科文宝"), "行政政法室": ("行政政发室", "行正政法室"),
                "经济建设室": ("经济建没室", "经济建设至"), "农业农村室": ("农业农材室",), "社会保障室": ("社会保樟室",),
                "预算室": ("预箅室",), "综合室": ("综和室",)}
ATTRIBUTES = ("一年期项目", "一年期项目", "一年期项目", "经常性项目", "延续性项目", "一次性项目", "新增项目")
PERIODS = ("1 年", "1年", "1 年", "2026 年 1 月-12 月", "3 年")

SUBJECTS = ("社会工作人才队伍建设", "村监会工作人员任职补贴", "社区工作者任职补贴", "新兴领域党建工作", "信访工作",
            "城乡社区运转", "社区党组织建设", "志愿服务", "文明城市创建", "农村饮水安全维修养护", "高标准农田建设",
            "乡村道路养护", "困难群众临时救助", "残疾人两项补贴", "特困人员供养", "学生资助", "校园安全管理",
            "基层医疗卫生机构运行", "家庭医生签约服务", "公共文化服务", "全民健身活动", "森林草原防火", "河湖长制",
            "人居环境整治", "农村集体经济发展", "就业创业培训", "退役军人优抚", "法律援助", "人民调解", "应急物资储备",
            "食品安全抽检", "统计调查", "科技特派员服务", "耕地保护补偿", "动物防疫", "村干部报酬", "老年人福利补贴")
PROJECT_FORMS = ("{subject}经费", "{subject}工作经费", "{year} 年{subject}经费", "全县{subject}专项资金", "{subject}补助资金",
                 "提前下达 {year} 年{subject}经费", "{subject}项目")
GOAL_OPENINGS = ("主要用于", "按照有关规定，用于", "为深入贯彻落实上级决策部署，用于", "根据《关于加强{subject}的实施意见》，用于")
GOAL_PARTS = ("开展业务培训和经验交流", "保障{subject}正常运转", "发放人员补贴和津贴", "购买学习资料和宣传用品",
              "组织开展主题活动", "提升基层治理水平", "推动工作规范化、标准化建设", "强化资金监管，提高资金使用效益",
              "改善群众生产生活条件", "落实各项惠民政策", "促进社会和谐稳定")

PERSON_UNITS = ("人", "人", "人", "名", "人次")
QUANTITY_CONTENT = (("年度内开展{subject}培训", "次"), ("组织开展主题活动", "场次"), ("覆盖的社区数量", "个"),
                    ("拨付工作经费的行政村数量", "个"), ("复查信访量", "件"), ("慰问困难党员户数", "户"),
                    ("宣传资料发放", "份"), ("维修养护工程", "处"), ("建设面积", "亩"), ("养护道路里程", "公里"),
                    ("购置设备", "台"), ("印制宣传册", "册"), ("抽检批次", "批次"), ("开展督导检查", "次"),
                    ("召开工作例会", "场"), ("办理法律援助案件", "件"), ("资助学生", "人次"), ("开展专题调研", "项"),
                    ("举办培训班", "期"), ("帮扶村集体", "村"), ("新建党组织", "家"), ("编印工作简报", "篇"),
                    ("购置应急物资", "套"), ("覆盖学校", "所"))
PERSON_CONTENT = ("年度内开展业务培训人数", "领取补贴的人员总人数", "发放报酬人数", "受助群众人数", "参训人员人数",
                  "签约服务人数", "享受补贴人数")
QUALITY_CONTENT = ("验收合格率", "补贴发放准确率", "工作任务完成率", "宣传普及率", "规范化建设覆盖率", "信访问题化解率",
                   "资金使用合规率", "档案资料完整率", "设备完好率", "群众知晓率")
TIME_CONTENT = ("项目完成时限", "年度内完成各项培训", "按照规定时间内完成", "资金拨付及时率", "补贴发放及时率",
                "问题办结时限", "各项工作正式开展时间")
COST_CONTENT = ("{subject}经费", "培训经费", "宣传品制作费", "活动开展经费", "人员补贴", "设备购置费", "维修维护费",
                "办公运转经费", "劳务费", "差旅费")
UNIT_COST_CONTENT = ("人均月补贴标准", "人均补助标准", "每村补助标准", "人均培训成本")
ECONOMIC = (("有效节约基层用人成本", "逐步改善"), ("带动群众增收", "≥{n}万元"), ("减少资源浪费", "有效减少"),
            ("无", "无"), ("无", "无"), ("促进集体经济发展", "稳步提高"))
SOCIAL = (("受益群众人数", "≥{n} 人"), ("群众知晓率", "≥{p}%"), ("社会治理水平", "显著提升"),
          ("营造良好社会氛围", "作用发挥明显"), ("矛盾纠纷化解率", "≥{p}%"), ("保障群众合法权益", "持续保障"),
          ("基本公共服务事项按时办结率", "≥{p}%"))
ECOLOGICAL = (("无", "无"), ("无", "无"), ("无", "无"), ("生态环境改善", "持续改善"), ("森林覆盖率", "≥{p}%"))
SUSTAINABLE = (("促进社会和谐稳定", "持续提升"), ("队伍稳定性与工作连续性", "保持稳定"), ("长效机制建立", "长期"),
               ("项目持续发挥效益年限", "≥{y} 年"), ("工作机制健全程度", "逐步完善"))
SATISFACTION = ("服务对象满意度", "群众满意度", "基层群众满意度", "居民满意度", "党员满意度", "受助对象满意度", "学生家长满意度")
VAGUE = ("逐步提高", "显著提升", "有效提升", "持续增强", "稳步提高", "明显改善", "有所提升")
DEADLINES = ("{year} 年 12 月底前", "{year} 年 12 月底", "{year}年12月31日前", "{year} 年 12 月前", "年底前",
             "{year}年12月底前", "{year} 年 6 月底前")


@dataclass
class Stats:
    """What went into a corpus (written as manifest.json)."""

    tables: int = 0
    values: int = 0
    lines: int = 0
    bytes: int = 0
    files: int = 0
    injected: dict[str, int] = field(default_factory=dict)
    distinct_values: set = field(default_factory=set)

    def inject(self, kind: str) -> None:
        self.injected[kind] = self.injected.get(kind, 0) + 1

    def merge(self, other: "Stats") -> None:
        self.tables += other.tables
        self.values += other.values
        self.lines += other.lines
        self.bytes += other.bytes
        self.files += other.files
        for kind, count in other.injected.items():
            self.injected[kind] = self.injected.get(kind, 0) + count
        self.distinct_values |= other.distinct_values


# ----------------------------------------------------------------------------- values
def _percent(rng: random.Random) -> int:
    """A plausible lower bound for a rate (never 100: ≥100% is an error of its own)."""
    return rng.choice((80, 85, 90, 90, 90, 92, 95, 95, 95, 98, 99))


def _count_value(rng: random.Random, number: int, unit: str) -> str:
    form = rng.random()
    if form < 0.45:
        return f"≥{number} {unit}" if rng.random() < 0.6 else f"≥{number}{unit}"
    if form < 0.8:
        return f"{number} {unit}" if rng.random() < 0.5 else f"{number}{unit}"
    if form < 0.9:
        return f"不少于{number}{unit}"
    return f"={number}{unit}"


def _money_text(rng: random.Random, yuan: int, *, ceiling: bool = False) -> str:
    """An amount in 元 written as 万元 (when round) or 元, sometimes with ≤."""
    prefix = "≤" if ceiling and rng.random() < 0.3 else ""
    if yuan % 100 == 0 and rng.random() < 0.8:
        wan = yuan / 10000
        text = f"{wan:g}" if wan == int(wan) or len(f"{wan:g}") < 8 else f"{wan:.2f}"
        return f"{prefix}{text} 万元" if rng.random() < 0.6 else f"{prefix}{text}万元"
    return f"{prefix}{yuan} 元" if rng.random() < 0.5 else f"{prefix}{yuan}元"


def _split_amount(rng: random.Random, total: int, parts: int) -> list[int]:
    """``parts`` positive amounts (multiples of 1,000 元 where possible) adding up to ``total``."""
    if parts == 1:
        return [total]
    step = 1000 if total >= parts * 2000 else 1
    units = total // step
    cuts = sorted(rng.sample(range(1, units), parts - 1)) if units > parts else list(range(1, parts))
    amounts = [(b - a) * step for a, b in zip([0, *cuts], [*cuts, units])]
    amounts[-1] += total - sum(amounts)
    return amounts


# ----------------------------------------------------------------------------- one table
def generate_table(rng: random.Random, number: int, year: int, error_rate: float, stats: Stats,
                   county: str, department: str) -> list[str]:
    """The lines of one table (tab-separated, like the sample)."""
    subject = rng.choice(SUBJECTS)
    project = rng.choice(PROJECT_FORMS).format(subject=subject, year=year)
    office = rng.choice(OFFICES)
    if rng.random() < error_rate:
        office = rng.choice(OFFICE_TYPOS[office])
        stats.inject("office-typo")
    injected = {kind for kind in ("cost-sum-off", "qualitative-quantity", "headcount-in-ge", "satisfaction-100",
                                  "year-only-deadline", "rate-over-100") if rng.random() < error_rate}
    total = rng.choice((rng.randrange(1, 60) * 10000, rng.randrange(5, 2000) * 1000, rng.randrange(10000, 20000000)))
    pad = "\t" * rng.choice((0, 3))
    lines = [f"部门项目支出预算绩效目标表 {number}{pad}", rng.choice((f"({year} 年)", f"({year}年)", f"（{year} 年）"))]
    amount_label = rng.choice(("项目年度金额 (元)", "项目年度金额(元)", "项目年度金 额(元)"))
    unit = department if rng.random() < 0.7 else department.replace("委员会", "委员会 ")
    lines += [
        f"项目名称\t{project}\t\t",
        f"主管部门\t{department}\t实施单位\t{unit}",
        f"项目属性\t{rng.choice(ATTRIBUTES)}\t项目期限\t{rng.choice(PERIODS)}",
        f"{rng.choice(('资金主管处 (科、股)室', '资金主管处(科、股)室'))}\t{office}\t{amount_label}\t{total}",
        f"{rng.choice(('项目年度绩效目标', '项目年度绩效 目标'))}\t"
        + rng.choice(GOAL_OPENINGS).format(subject=subject)
        + "、".join(rng.sample(GOAL_PARTS, rng.randint(2, 5))).format(subject=subject) + "。\t\t",
        "一级绩效指标\t二级绩效指标\t绩效内容\t绩效值",
    ]
    rows: list[tuple[str, str, str, str]] = []  # (一级, 二级, content, value)

    # 产出 / 数量
    quantity_rows = []
    for _ in range(rng.randint(1, 4)):
        if rng.random() < 0.35:
            count = rng.randrange(5, 2000)
            quantity_rows.append((rng.choice(PERSON_CONTENT), _count_value(rng, count, rng.choice(PERSON_UNITS))))
        else:
            content, unit_word = rng.choice(QUANTITY_CONTENT)
            count = rng.choice((rng.randrange(1, 30), rng.randrange(1, 500)))
            quantity_rows.append((content.format(subject=subject), _count_value(rng, count, unit_word)))
    if "qualitative-quantity" in injected:
        index = rng.randrange(len(quantity_rows))
        quantity_rows[index] = (quantity_rows[index][0], rng.choice(VAGUE))
        stats.inject("qualitative-quantity")
    if "headcount-in-ge" in injected:
        quantity_rows.append((rng.choice(PERSON_CONTENT), f"{rng.randrange(10, 800)}个"))
        stats.inject("headcount-in-ge")
    rows += [("产出指标", "数量指标", content, value) for content, value in quantity_rows]

    # 产出 / 质量
    for _ in range(rng.randint(1, 3)):
        value = rng.choice((f"≥{_percent(rng)}%", f"{_percent(rng)}%", "100%", f"不低于{_percent(rng)}%", "达到验收标准"))
        rows.append(("产出指标", "质量指标", rng.choice(QUALITY_CONTENT), value))
    if "rate-over-100" in injected:
        rows.append(("产出指标", "质量指标", rng.choice(QUALITY_CONTENT), f"≥{rng.choice((110, 120, 150, 292))}%"))
        stats.inject("rate-over-100")

    # 产出 / 时效
    for _ in range(rng.randint(1, 2)):
        content = rng.choice(TIME_CONTENT)
        if "及时率" in content:
            value = f"≥{_percent(rng)}%"
        elif "时限" in content and rng.random() < 0.4:
            value = f"≤{rng.choice((5, 7, 10, 15, 30))} 个工作日"
        else:
            value = rng.choice(DEADLINES).format(year=year)
        rows.append(("产出指标", "时效指标", content, value))
    if "year-only-deadline" in injected:
        rows.append(("产出指标", "时效指标", rng.choice(TIME_CONTENT), f"{year} 年"))
        stats.inject("year-only-deadline")

    # 产出 / 成本: amounts adding up to the annual amount, perhaps a unit cost
    parts = rng.randint(1, 4)
    amounts = _split_amount(rng, total, parts)
    if "cost-sum-off" in injected:
        index = rng.randrange(parts)
        amounts[index] += rng.choice((1, -1)) * max(10000, amounts[index] // 5)
        amounts[index] = abs(amounts[index]) or 10000
        stats.inject("cost-sum-off")
    contents = rng.sample(COST_CONTENT, parts)
    for content, amount in zip(contents, amounts):
        rows.append(("产出指标", "成本指标", content.format(subject=subject), _money_text(rng, amount, ceiling=True)))
    if rng.random() < 0.3:
        rate = rng.choice(("元/人·月", "元/人", "元/村", "元/人/月"))
        rows.append(("产出指标", "成本指标", rng.choice(UNIT_COST_CONTENT), f"{rng.randrange(100, 3000)} {rate}"))

    # 效益
    content, value = rng.choice(ECONOMIC)
    rows.append(("效益指标", "经济效益", content, value.format(n=rng.randrange(1, 50))))
    for content, value in rng.sample(SOCIAL, rng.randint(1, 3)):
        rows.append(("效益指标", "社会效益", content, value.format(n=rng.randrange(100, 5000), p=_percent(rng))))
    content, value = rng.choice(ECOLOGICAL)
    rows.append(("效益指标", "生态效益", content, value.format(p=_percent(rng))))
    for content, value in rng.sample(SUSTAINABLE, rng.randint(1, 2)):
        rows.append(("效益指标", "可持续影响", content, value.format(y=rng.randrange(2, 10))))

    # 满意度
    for content in rng.sample(SATISFACTION, rng.randint(1, 2)):
        value = "100%" if "satisfaction-100" in injected else rng.choice(("≥90%", "≥90%", "≥95%", "≥85%", "≥ 90%"))
        rows.append(("满意度指标", "服务对象满意度", content, value))
        if "satisfaction-100" in injected:
            stats.inject("satisfaction-100")
            injected.discard("satisfaction-100")

    previous_first = previous_second = None
    for first, second, content, value in rows:
        shown_first = first if first != previous_first else ""
        shown_second = second if (first, second) != (previous_first, previous_second) else ""
        previous_first, previous_second = first, second
        lines.append(f"{shown_first}\t{shown_second}\t{content}\t{value}")
        stats.distinct_values.add(value)
    stats.values += len(rows)
    stats.tables += 1
    return lines


def file_lines(seed: int, file_index: int, tables: int, first_number: int, year: int,
               error_rate: float) -> tuple[list[str], Stats]:
    """The lines of one department file holding ``tables`` tables."""
    rng = random.Random(f"targetlint-bench:{seed}:{file_index}")
    stats = Stats(files=1)
    county = rng.choice(COUNTIES)
    department = rng.choice(DEPARTMENT_PREFIX).format(county=county) + rng.choice(DEPARTMENTS)
    lines = [f"附件 {file_index + 1}", "", f"{department}项目支出预算绩效目标表", ""]
    for offset in range(tables):
        lines += generate_table(rng, first_number + offset, year, error_rate, stats, county, department)
        lines.append("")
    stats.lines = len(lines)
    return lines, stats


def _write_xlsx(path: Path, lines: list[str]) -> None:
    from openpyxl import Workbook  # only needed for the xlsx corpus
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("绩效目标表")
    for line in lines:
        cells: list[object] = [part if part else None for part in line.split("\t")]
        if len(cells) == 4 and cells[2] and str(cells[2]).startswith("项目年度金") and str(cells[3]).isdigit():
            cells[3] = int(str(cells[3]))  # amounts are numbers in spreadsheets
        for index, value in enumerate(cells):
            if isinstance(value, str) and value.startswith("="):  # a value with its comparator (=12 个) is text,
                cells[index] = cell = WriteOnlyCell(sheet, value)  # not a formula as openpyxl would take it
                cell.data_type = "s"
        sheet.append(cells)
    workbook.save(path)


def write_corpus(out_dir: str | os.PathLike, tables: int, *, per_file: int = 100, seed: int = 2026,
                 fmt: str = "txt", error_rate: float = 0.05, year: int = 2026) -> dict:
    """Write ``tables`` tables into ``out_dir`` (``per_file`` per file); return the manifest."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    total = Stats()
    files = (tables + per_file - 1) // per_file
    width = max(4, len(str(files)))
    for file_index in range(files):
        count = min(per_file, tables - file_index * per_file)
        lines, stats = file_lines(seed, file_index, count, file_index * per_file + 1, year, error_rate)
        path = out / f"dept-{file_index + 1:0{width}d}.{fmt}"
        if fmt == "xlsx":
            _write_xlsx(path, lines)
            stats.bytes = path.stat().st_size
        else:
            data = ("\n".join(lines) + "\n").encode("utf-8")
            path.write_bytes(data)
            stats.bytes = len(data)
        total.merge(stats)
    manifest = {"seed": seed, "format": fmt, "per_file": per_file, "error_rate": error_rate, "year": year,
                "files": total.files, "tables": total.tables, "values": total.values, "lines": total.lines,
                "bytes": total.bytes, "distinct_values": len(total.distinct_values),
                "injected": dict(sorted(total.injected.items()))}
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir", help="folder to write the corpus into (created)")
    parser.add_argument("--tables", type=int, default=1000, help="number of tables (default 1000)")
    parser.add_argument("--per-file", type=int, default=100, help="tables per file (default 100, like a department)")
    parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    parser.add_argument("--format", dest="fmt", choices=("txt", "xlsx"), default="txt")
    parser.add_argument("--error-rate", type=float, default=0.05,
                        help="probability of each injected error kind per table (default 0.05)")
    parser.add_argument("--year", type=int, default=2026)
    args = parser.parse_args(argv)
    manifest = write_corpus(args.out_dir, args.tables, per_file=args.per_file, seed=args.seed, fmt=args.fmt,
                            error_rate=args.error_rate, year=args.year)
    json.dump(manifest, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What the finance-bureau reviewer reads: messages that once said something false or unclear (probe report S-xx)."""
from __future__ import annotations

import pytest

from targetlint.testing import lint_snippet

GRID = "一级绩效指标\t二级绩效指标\t绩效内容\t绩效值\n"


def test_c402_says_how_much_the_product_differs_not_that_it_is_below_the_difference():
    """S-01: “与项目年度金额 130,000 元不符（低于 10,000 元）” read as “the product is below 10,000 元”."""
    snippet = ("项目名称\t村干部补贴\n项目年度金额(元)\t130000\n" + GRID
               + "产出指标\t数量指标\t补贴发放人数\t10 人\n\t成本指标\t人均月补贴标准\t1000 元/人·月\n")
    (below,) = lint_snippet(snippet, select=["C402"])
    assert below.message == ("10 人（补贴发放人数）× 1000 元/人·月 × 12（按月） = 120,000 元，"
                             "比项目年度金额 130,000 元少 10,000 元")
    (above,) = lint_snippet(snippet.replace("130000", "119960"), select=["C402"])
    assert above.message.endswith("= 120,000 元，比项目年度金额 119,960 元多 40 元")


def test_c402_sum_says_over_the_amount_once():
    snippet = ("项目名称\t城乡低保\n项目年度金额(元)\t30680000\n" + GRID
               + "产出指标\t数量指标\t城市低保对象人数\t1250人\n\t\t农村低保对象人数\t3600人\n"
               "\t成本指标\t城市低保人均补助标准\t720元/人·月\n\t\t农村低保年人均补助标准\t5800元/人·年\n")
    (finding,) = lint_snippet(snippet, select=["C402"])
    assert finding.message == ("各单位成本×数量合计 10,800,000 元 + 20,880,000 元 = 31,680,000 元，"
                               "超过项目年度金额 30,680,000 元（多 1,000,000 元）")


WAN_NOTE = "；项目年度金额栏标为万元，数值却与以元计的成本相符：请核对金额单位"


def test_c401_notes_a_wan_label_over_a_figure_in_yuan():
    """S-11: 项目年度金额(万元) 180000 beside 18 万元 of costs — the number was written in 元 under a 万元 label."""
    snippet = "项目名称\t培训\n项目年度金额(万元)\t180000\n" + GRID + "产出指标\t成本指标\t培训经费\t18 万元\n"
    (finding,) = lint_snippet(snippet, select=["C401"])
    assert finding.message == ("成本指标合计 180,000 元 与项目年度金额 1,800,000,000 元 不符（相差 1,799,820,000 元）"
                               + WAN_NOTE)
    (other,) = lint_snippet(snippet.replace("180000", "170000"), select=["C401"])
    assert "请核对金额单位" not in other.message
    declared = "金额单位：万元\n" + snippet.replace("项目年度金额(万元)", "项目年度金额")
    (line,) = lint_snippet(declared, select=["C401"])
    assert line.message.endswith("；表中金额单位为万元，项目年度金额的数值却与以元计的成本相符：请核对金额单位")


def test_c402_notes_a_wan_label_over_a_figure_in_yuan():
    snippet = ("项目名称\t公益性岗位补贴\n项目年度金额 (万元)\t900000\n" + GRID
               + "产出指标\t数量指标\t公益性岗位安置人数\t50 人\n\t\t岗位补贴发放月数\t10 个月\n"
               "\t成本指标\t岗位补贴标准\t1800 元/人·月\n")
    (finding,) = lint_snippet(snippet, select=["C402"])
    assert finding.message == ("50 人（公益性岗位安置人数）× 1800 元/人·月 × 10 个月（岗位补贴发放月数） = 900,000 元，"
                               "比项目年度金额 9,000,000,000 元少 8,999,100,000 元" + WAN_NOTE)
    (other,) = lint_snippet(snippet.replace("900000", "800000"), select=["C402"])
    assert "请核对金额单位" not in other.message
    assert not lint_snippet(snippet.replace("(万元)", "(元)"), select=["C402"])


def test_c404_calls_a_negative_amount_negative_not_a_non_number():
    """S-02: -5000 is a number; “不是数字” sent the reviewer looking for letters."""
    for written in ("-5000", "－5000", "-18万元"):
        snippet = f"项目名称\t培训\n项目年度金额(元)\t{written}\n" + GRID + "产出指标\t成本指标\t培训经费\t5000元\n"
        (finding,) = lint_snippet(snippet, select=["C404"])
        assert finding.message == f"项目年度金额“{written}”为负数，应为正的金额"
    (words,) = lint_snippet(snippet.replace("-18万元", "详见附表"), select=["C404"])
    assert words.message == "项目年度金额“详见附表”不是数字"


def test_q202_does_not_say_year_only_for_a_value_without_a_year():
    """S-03: 年内 and 当年 name the budget year without writing one."""
    snippet = ("项目名称\t测试\n(2026 年)\n" + GRID + "产出指标\t时效指标\t启动时间\t年内\n\t\t完成时间\t当年\n"
               "\t\t验收时间\t2026年\n")
    messages = [finding.message for finding in lint_snippet(snippet, select=["Q202"])]
    assert messages == ["时限“年内”只指明年度，没有具体月份或日期（如 2026 年 12 月底前）",
                        "时限“当年”只指明年度，没有具体月份或日期（如 2026 年 12 月底前）",
                        "时限“2026年”只有年份，没有具体月份（如 2026 年 12 月底前）"]


def test_a_bad_severity_in_a_rule_option_is_a_configuration_error_naming_the_file(tmp_path):
    """S-14: severity-by-first-level = { 产出指标 = "fatal" } crashed Q201 at run time (E001) and its findings
    disappeared; U303's quality-severity was refused without the file's name."""
    from click.testing import CliRunner

    from targetlint.cli import main

    table = tmp_path / "t.txt"
    table.write_text("项目名称\t培训\n" + GRID + "产出指标\t数量指标\t培训人数\t逐步提高\n", encoding="utf-8")
    for number, (option, message) in enumerate((
            ('[rules.Q201]\nseverity-by-first-level = { "产出指标" = "fatal" }\n',
             "rule Q201 (non-quantified-target): option 'severity-by-first-level': unknown severity 'fatal' for "
             "产出指标 (expected error, warning or info)"),
            ('[rules.U303]\nquality-severity = "fatal"\n',
             "rule U303 (percent-without-ratio): option 'quality-severity': unknown severity 'fatal' "
             "(expected error, warning or info)"),
            ('[rules.U301]\nmeasured-words = { "里程" = "长度" }\n',
             "rule U301 (unit-mismatch): option 'measured-words': '里程' must be [name, [units]] (such as "
             "[\"长度\", [\"公里\", \"米\"]])"))):
        config = tmp_path / f"bad{number}.toml"  # (a file is read once per process: one name per content)
        config.write_text(option, encoding="utf-8")
        result = CliRunner().invoke(main, ["check", "--config", str(config), "--format", "concise", str(table)])
        assert result.exit_code == 2
        assert result.stderr.splitlines() == [f"targetlint: error: {config}: {message}"]
        assert "E001" not in result.stdout
    config = tmp_path / "good.toml"
    config.write_text('[rules.Q201]\nseverity-by-first-level = { "产出指标" = "Info" }\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--config", str(config), "--select", "Q201", "--format", "concise",
                                       str(table)])
    assert result.stdout.splitlines()[0].endswith("Q201 [info] 绩效值未量化：“逐步提高”（产出指标/数量指标），年终无法据此评价；应写成可衡量的目标值，如 ≥3 次、≥200 人")


def test_a_selection_that_leaves_every_rule_off_is_a_usage_error(tmp_path):
    """S-15: --ignore ALL reported “All checks passed” (exit 0) for a run that checked nothing, as --select '' did."""
    from click.testing import CliRunner

    from targetlint.cli import main

    table = tmp_path / "t.txt"
    table.write_text("项目名称\t培训\n" + GRID + "产出指标\t数量指标\t培训人数\t逐步提高\n", encoding="utf-8")
    message = "the selection names no rule (select and ignore leave every rule off; nothing would be checked)"
    for arguments, where in ((["--ignore", "ALL"], "command line"), (["--select", "Q201", "--ignore", "Q201"], "command line")):
        result = CliRunner().invoke(main, ["check", "--isolated", *arguments, str(table)])
        assert (result.exit_code, result.stderr.splitlines()) == (2, [f"targetlint: error: {where}: {message}"])
        assert "All checks passed" not in result.stdout
    config = tmp_path / "targetlint.toml"
    config.write_text('select = ["Q201"]\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--config", str(config), "--ignore", "Q201", str(table)])
    assert (result.exit_code, result.stderr.splitlines()) == (
        2, [f"targetlint: error: command line and {config}: {message}"])
    # a folder's configuration alone may switch every rule off: a choice written down
    folder_config = tmp_path / "off.toml"
    folder_config.write_text('ignore = ["ALL"]\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--config", str(folder_config), str(table)])
    assert result.exit_code == 0, result.output
    kept = CliRunner().invoke(main, ["check", "--isolated", "--ignore", "ALL", "--extend-select", "Q201", str(table)])
    assert kept.exit_code == 1


def test_s111_says_the_rows_are_missing_when_the_grid_header_was_read():
    """S-06: its own Bad example was asked about separators, and the title lost its space."""
    (header_only,) = lint_snippet("部门项目支出预算绩效目标表 1\n" + GRID, select=["S111"])
    assert header_only.message == "文件有绩效目标表标题“部门项目支出预算绩效目标表 1”，已读到指标表头，但表头下没有指标行"
    # (lint_snippet adds a grid header to a snippet without one: this file is checked as it is)
    from targetlint.config import Config
    from targetlint.engine import Linter, bytes_source

    text = "部门项目支出预算绩效目标表 1\n一级绩效指标 二级绩效指标 绩效内容 绩效值\n产出指标 数量指标 服务 12个\n"
    result = Linter(Config(select=["S111"])).check_source(bytes_source("t.txt", text.encode("utf-8")))
    (unread,) = result.diagnostics
    assert unread.message.startswith("文件有绩效目标表标题“部门项目支出预算绩效目标表 1”，但未读出任何指标行（共 ")
    assert unread.message.endswith("单元格是否以制表符、逗号或表格分隔？可用 targetlint dump 查看读取结果")


def test_s107_gives_its_reasons_in_chinese():
    """S-10: S107 quoted English reasons and role ids (first_level, explanation) inside the Chinese message."""
    snippet = "项目名称\t测试项目\n一级指标\t二级指标\t备注\n产出指标\t数量指标\t服务人数\t100人\n"
    from targetlint.config import Config
    from targetlint.engine import Linter, bytes_source

    result = Linter(Config(select=["S107"])).check_source(bytes_source("t.txt", snippet.encode("utf-8")))
    assert [finding.message for finding in result.diagnostics] == [
        "无法归入表格的行（无法识别的指标表头，各列为“一级指标”（一级绩效指标）、“二级指标”（二级绩效指标）、“备注”（指标说明）；"
        "缺少绩效内容、绩效值列）：一级指标 | 二级指标 | 备注",
        "无法归入表格的行（该行既不是标题、表头字段，也不是指标行）：产出指标 | 数量指标 | 服务人数 | 100人"]
    (empty,) = lint_snippet("产出指标\t数量指标\t人数\t10人\n\t\t\t\t5\n", select=["S107"])
    assert empty.message == "无法归入表格的行（指标行既无绩效内容也无绩效值）：5"


def test_u301_on_a_ratio_under_quantity_says_where_a_ratio_goes():
    """S-05: U301 asked for a % under 数量指标, then P501 said a ratio does not belong there: one piece of advice."""
    (finding,) = lint_snippet("产出指标\t数量指标\t培训覆盖率\t4万元\n", select=["U301"])
    assert finding.message == "“培训覆盖率”统计的是比率，单位却是“万元”，应为百分比（%），比率宜归入质量指标"
    (elsewhere,) = lint_snippet("产出指标\t质量指标\t培训覆盖率\t4万元\n", select=["U301"])
    assert elsewhere.message.endswith("应为百分比（%）")


def test_q201_names_the_first_level_behind_its_severity_and_what_to_write():
    """S-12: the same words were an error under 满意度 and a warning under 效益 with only the 二级 shown; and the
    message said nothing of what to write instead."""
    snippet = ("(2026 年)\n项目名称\t培训\n" + GRID + "效益指标\t社会效益\t群众获得感\t显著提升\n"
               "满意度指标\t服务对象满意度\t群众满意度\t显著提升\n产出指标\t时效指标\t完成时间\t尽早\n")
    messages = {(d.severity.value, d.message) for d in lint_snippet(snippet, select=["Q201"])}
    assert messages == {
        ("warning", "绩效值未量化：“显著提升”（效益指标/社会效益），年终无法据此评价；应写成可衡量的目标值，如 ≥90%、≥1000 人"),
        ("error", "绩效值未量化：“显著提升”（满意度指标/服务对象满意度），年终无法据此评价；应写成可衡量的目标值，如 ≥90%"),
        ("error", "绩效值未量化：“尽早”（产出指标/时效指标），年终无法据此评价；应写成可衡量的目标值，如 2026 年 12 月底前")}


def test_s106_on_a_row_with_neither_content_nor_value_names_no_indicator():
    """S-13: a level label alone was called an indicator (指标“数量指标”没有绩效值)."""
    (finding,) = lint_snippet("产出指标\t数量指标\t\t\n产出指标\t质量指标\t合格率\t≥95%\n", select=["S106"])
    assert finding.message == "数量指标下有一行既无绩效内容也无绩效值（漏填，或多余的行）"


def test_the_summary_counts_in_english_plurals(sample_path):
    """S-42: “8 error, 55 warning”."""
    from click.testing import CliRunner

    from targetlint.cli import main

    result = CliRunner().invoke(main, ["check", "--isolated", str(sample_path)])
    assert "Found 78 problems (8 errors, 55 warnings, 15 info) in 1 file." in result.stdout.splitlines()


def test_the_command_list_cuts_no_summary():
    """S-32: `targetlint --help` cut each command's first sentence inside a bracket ("… ('-' reads...")."""
    from click.testing import CliRunner

    from targetlint.cli import main

    commands = CliRunner().invoke(main, ["--help"]).stdout.split("Commands:")[1].splitlines()
    assert commands and all(not line.rstrip().endswith("...") for line in commands)


def test_a_rule_option_checked_when_the_rule_is_built_names_the_configuration(tmp_path):
    """A rule checks the meaning of its options in __init__ (U304's patterns): the engine builds each configured
    rule at load, so the error names the file, as the options' own checks do."""
    from click.testing import CliRunner

    from targetlint.cli import main

    config = tmp_path / "targetlint.toml"
    config.write_text('[rules.U304]\nperiod-patterns = { "月" = ["("] }\n', encoding="utf-8")
    table = tmp_path / "t.txt"
    table.write_text("项目名称\t培训\n" + GRID, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--config", str(config), str(table)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"targetlint: error: {config}: rule U304 (rate-missing-period): option "
                                    "'period-patterns': bad pattern for 月")


GRID_2021 = "一级指标\t二级指标\t三级指标\t指标值\n"


def test_messages_use_the_tables_own_column_names():
    """A table in the 2021 form calls its columns 三级指标 and 指标值: the messages about it say so, the quoted cell
    text left as written; a legacy table keeps 绩效内容 and 绩效值."""
    rows = "产出指标\t数量指标\t培训人数\t逐步提高\n\t\t“绩效值”填报培训\t\n"
    found = {d.code: d.message for d in lint_snippet(GRID_2021 + rows, select=["Q201", "S106"])}
    assert found["Q201"].startswith("指标值未量化：“逐步提高”")
    assert found["S106"] == "指标“‘绩效值’填报培训”没有指标值"
    legacy = {d.code: d.message for d in lint_snippet(GRID + rows, select=["Q201", "S106"])}
    assert legacy["Q201"].startswith("绩效值未量化：") and legacy["S106"].endswith("没有绩效值")



def test_messages_name_the_levels_as_the_tables_columns_do():
    """Probe AF: a table whose columns say 一级指标 read “一级绩效指标‘产出指帽’…” in T601's message; and a 一级 cell
    is suggested 一级 names only (绩效指标 is no slip of 时效指标, a 二级: S102 lists the 一级 it may be)."""
    (typo,) = lint_snippet(GRID_2021 + "产出指帽\t数量指标\t培训人数\t≥200 人\n", select=["T601"])
    assert typo.message.startswith("一级指标“产出指帽”不是常用值，与“产出指标”")
    (legacy,) = lint_snippet(GRID + "产出指帽\t数量指标\t培训人数\t≥200 人\n", select=["T601"])
    assert legacy.message.startswith("一级绩效指标“产出指帽”")
    found = lint_snippet(GRID_2021 + "产出指标\t数量指标\t培训人数\t≥200 人\n绩效指标\t其他指标\t宣传报道\t≥3篇\n",
                         select=["T601", "S102"])
    assert [d.code for d in found] == ["S102"]


def test_a_column_named_by_a_year_is_no_term():
    """指标值 over 2026年 | 2027年: the value column's label is a year, not a word for it — 绩效值 stays."""
    snippet = ("一级指标\t二级指标\t三级指标\t2026年\t2027年\n产出指标\t数量指标\t培训人数\t逐步提高\t≥200 人\n")
    (finding,) = lint_snippet(snippet, select=["Q201"])
    assert finding.message.startswith("绩效值未量化：“逐步提高”")


def test_a_quote_inside_a_quoted_cell_is_written_in_single_quotes():
    """成本指标““两癌”救助标准”: the cell's own quotes nest inside the message's, written ‘…’ as Chinese text
    nests them; a lone quote in a cell is quoted as written."""
    snippet = GRID + "产出指标\t成本指标\t“两癌”救助标准\t≥10000元/人\n"
    (finding,) = lint_snippet(snippet, select=["C406"])
    assert finding.message.startswith("成本指标“‘两癌’救助标准”的绩效值“≥10000元/人”是下限")
    (lone,) = lint_snippet(snippet.replace("“两癌”", "“两癌"), select=["C406"])
    assert lone.message.startswith("成本指标““两癌救助标准”的绩效值")


def test_u305_suggests_no_money_unit_on_a_count_row():
    """Probe V-R5: ≥60 万画页 under 数量指标 was asked “是否应为‘万元’？”: a count row's unit is no money unit."""
    (count,) = lint_snippet(GRID + "产出指标\t数量指标\t档案数字化扫描\t≥60 万画页\n", select=["U305"])
    assert "万元" not in count.message
    (cost,) = lint_snippet(GRID + "产出指标\t成本指标\t扫描费\t6 万园\n", select=["U305"])
    assert cost.message == "单位“万园”不在单位词表中，是否应为“万元”？"


def test_s101_asks_a_department_table_in_its_own_words():
    """Probe W-16: a department-wide table was asked for 项目年度金额(元) and 项目年度绩效目标."""
    snippet = "某县应急管理局2026年部门整体支出绩效目标表\n单位名称\t某县应急管理局\n" + GRID + "产出指标\t数量指标\t演练次数\t≥10次\n"
    (finding,) = lint_snippet(snippet, select=["S101"])
    assert finding.message == "表头缺少字段：年度预算金额（资金总额）、年度总体目标"


def test_u307_suggests_the_unit_the_text_counts_or_the_usual_ones():
    messages = [d.message for d in lint_snippet("产出指标\t数量指标\t项目实施年限\t≥3\n\t\t补助学校数量\t12\n",
                                                select=["U307"])]
    assert len(messages) == 2
    assert "项目实施年限" in messages[0] and "如 ≥3 年" in messages[0]
    assert "补助学校数量" in messages[1] and "个、人、次、户等" in messages[1]


def test_u306_asks_a_per_mille_rate_for_its_own_unit():
    """Probe BC: 婴儿死亡率 | ≤5 was advised “≤5%” and 森林火灾受害率 | ≤0.9 “≤90%” (read as a fraction): rates the
    statistics give per thousand or per 100,000 are advised in that unit; a share still in percent."""
    snippet = ("效益指标\t社会效益\t婴儿死亡率\t≤5\n\t生态效益\t森林火灾受害率\t≤0.9\n\t社会效益\t孕产妇死亡率\t≤15\n"
               "\t\t验收合格率\t0.95\n")
    messages = [d.message for d in lint_snippet(snippet, select=["U306"])]
    assert messages == ["比率“婴儿死亡率”的绩效值“≤5”没有单位：应写明单位（如 ≤5‰）",
                        "比率“森林火灾受害率”的绩效值“≤0.9”没有单位：应写明单位（如 ≤0.9‰）",
                        "比率“孕产妇死亡率”的绩效值“≤15”没有单位：应写明单位（如 ≤15/10万）",
                        "比率“验收合格率”的绩效值“0.95”没有单位：应写成百分比（如 95%）"]


def test_c401_counts_a_total_row_that_its_breakdown_makes_once():
    """Probe AA-13: 项目总成本 ≤180万元 with 其中 120万 and 60万 beside 项目年度金额 190万 was summed to 3,600,000 元."""
    snippet = ("项目名称\t维修\n项目年度金额(元)\t1900000\n" + GRID + "产出指标\t成本指标\t项目总成本\t≤180万元\n"
               "\t\t其中：材料费\t120万元\n\t\t其中：人工费\t60万元\n")
    (finding,) = lint_snippet(snippet, select=["C401"])
    assert finding.message == ("成本指标合计 1,800,000 元 与项目年度金额 1,900,000 元 不符（相差 100,000 元）"
                               "；合计按“项目总成本”计（其分项之和与之相符，未重复计入）")


def test_c401_gives_the_most_a_ceiling_per_item_comes_to():
    """Probe AA-13: 单处…补助 ≤4万元 × 45 处 was said to be 40,000 元 with nothing of the items."""
    snippet = ("项目名称\t维修\n项目年度金额(元)\t2800000\n" + GRID + "产出指标\t数量指标\t维修养护供水工程数量\t45处\n"
               "\t成本指标\t单处工程维修养护补助\t≤4万元\n")
    (finding,) = lint_snippet(snippet, select=["C401"])
    assert finding.message.endswith("；按每项金额×数量计（“单处工程维修养护补助”至多 40,000 元 × 45 处（维修养护供水工程数量）"
                                    " = 至多 1,800,000 元），合计至多 1,800,000 元，仍比项目年度金额少 1,000,000 元")


def test_c402_notes_an_annual_amount_written_in_wan_under_a_yuan_label():
    """Probe AA-13: 项目年度金额(元) 20895 beside 298500 人 × 700 元/人·年 = 208,950,000 元: the figure is in 万元."""
    snippet = ("项目名称\t医保\n项目年度金额(元)\t20895\n" + GRID + "产出指标\t数量指标\t城乡居民参保人数\t298500人\n"
               "\t成本指标\t人均财政补助标准\t700元/人·年\n")
    (finding,) = lint_snippet(snippet, select=["C402"])
    assert finding.message.endswith("；项目年度金额若以万元计则相符：请核对金额单位")


def test_c401_counts_a_whole_named_jingfei_heji_once():
    """Probe AE: 经费合计 (成本总额, 总经费) beside the rows that make it was summed with them (2,000,000 元)."""
    snippet = ("项目名称\t培训\n项目年度金额(元)\t900000\n" + GRID + "产出指标\t成本指标\t培训费\t60万元\n"
               "\t\t资料费\t40万元\n\t\t经费合计\t100万元\n")
    (finding,) = lint_snippet(snippet, select=["C401"])
    assert finding.message.startswith("成本指标合计 1,000,000 元 与项目年度金额 900,000 元 不符（相差 100,000 元）；合计按“经费合计”计")


def test_q201_judges_social_and_ecological_costs_as_effects():
    """Probe AR: a bare phrase under the 2021 社会成本指标 or 生态环境成本指标 (negative effects, which C403 leaves to
    words or their own units) was reported by nobody; Q201 reports it as it would under 效益 — a warning, with a
    target in that cost's own terms — and still calls a money cost C403's."""
    snippet = (GRID_2021 + "成本指标\t社会成本指标\t施工期对群众出行影响\t影响较小\n"
               "\t生态环境成本指标\t水土流失\t有效控制\n\t经济成本指标\t工程建设\t控制在预算内\n")
    social, ecological = lint_snippet(snippet, select=["Q201"])
    assert (social.severity.value, ecological.severity.value) == ("warning", "warning")
    assert social.message.endswith("如 ≤50 户、≤7 天") and ecological.message.endswith("如 ≤65 分贝、≤0.5 亩")


def test_level_names_in_a_sentence_are_quoted_not_spaced():
    """Probe BK: “（应在 效益指标 下）” and “一级应为 产出指标” set Chinese names off with spaces, as if they were
    numbers; a level name in a sentence is quoted (“…”), several joined by 或, a list after 应为 written close up."""
    snippet = (GRID + "产出指标\t数量指标\t开展培训\t≥3 次\n效益指标\t数量指标\t服务人数\t≥200人\n"
               "数量指标\t质量指标\t合格率\t≥95%\n满意度指标\t服务对象满意度\t满意度\t≥90%\n其他指标\t社会效益\t受益人数\t≥50人\n")
    misplaced, = lint_snippet(snippet, select=["S103"])
    assert misplaced.message == "二级指标“数量指标”不应在一级指标“效益指标”下（应在“产出指标”下）"
    second_level, unknown = lint_snippet(snippet, select=["S102"])
    assert second_level.message == "一级指标“数量指标”是二级指标名称，一级应为“产出指标”"
    assert unknown.message == "未知的一级指标“其他指标”（应为产出指标、效益指标、满意度指标之一）"


def test_t604_names_an_instruction_word_only_inside_a_longer_text():
    """Probe BK: a line 填报说明 under the table read “模板残留：“填报说明”（填报说明“填报说明”）”."""
    snippet = GRID + "产出指标\t数量指标\t请根据实际填写培训人数\t≥200人\n填报说明\n"
    longer, alone = lint_snippet(snippet, select=["T604"])
    assert longer.message == "模板残留：“请根据实际填写培训人数”（含模板说明用语“请根据”）"
    assert alone.message == "模板残留：“填报说明”（模板自带的说明文字）"


def test_q204_does_not_say_the_cell_was_written_in_words():
    """Probe BK: ≥100% was said to be “写成“不低于 100%””, as if the cell held those words."""
    (finding,) = lint_snippet(GRID + "产出指标\t质量指标\t验收合格率\t≥100%\n", select=["Q204"])
    assert finding.message == "百分比目标“≥100%”即不低于 100%，而比率不会高于 100%：应写 100% 或 =100%"


def test_s112_says_what_this_row_holds_without_reading_as_behaviour():
    """Probe BK: “项目金额(万元)在此行为“69”” reads 此行为 as “this behaviour”; the row's own figure is 本行填."""
    snippet = ("项目名称\t项目金额(万元)\t一级指标\t二级指标\t三级指标\t指标值\n"
               "高龄老人津贴\t96\t产出指标\t数量指标\t津贴发放人数\t≥800人\n"
               "高龄老人津贴\t69\t产出指标\t成本指标\t高龄津贴资金\t≤96万元\n")
    (finding,) = lint_snippet(snippet, select=["S112"])
    assert finding.message == "项目“高龄老人津贴”的项目金额(万元)本行填“69”，与该项目首行的“96”不一致"


def test_cross_table_messages_quote_both_targets():
    """Probe BK: X701 and X702 wrote the two targets bare, “目标为 年底前，此处为 不低于90%” — a Chinese target set off
    by spaces, where every other rule quotes the cell."""
    table = "项目名称\t{name}\n" + GRID + "效益指标\t社会效益\t矛盾纠纷化解率\t{rate}\n\t\t覆盖社区数量\t{count}\n"
    snippet = "\n".join(table.format(name=name, rate=rate, count=count) for name, rate, count in (
        ("调解经费", "≥95%", "29 个"), ("普法经费", "≥95%", "29 个"), ("信访经费", "不低于90%", "28个")))
    (target,) = lint_snippet(snippet, select=["X701"])
    assert target.message == "指标“矛盾纠纷化解率”在表1（调解经费）中的目标为“≥95%”，此处为“不低于90%”，口径不一致"
    (count,) = lint_snippet(snippet, select=["X702"])
    assert count.message == "“社区”的数量在表1（调解经费）中为“29 个”（覆盖社区数量），此处为“28个”，前后不一致"


def test_s110_quotes_the_two_frameworks_level_pairs():
    """Probe BK: “旧框架的 产出指标/成本指标（第 3 行） 与 2021 框架的 …” set the level names off with spaces."""
    snippet = (GRID + "产出指标\t数量指标\t开展培训\t≥3 次\n\t成本指标\t培训费\t≤4 万元\n"
               "成本指标\t经济成本指标\t资料费\t≤1 万元\n")
    (finding,) = lint_snippet(snippet, select=["S110"])
    assert finding.message == ("本表混用两种指标框架：旧框架的“产出指标/成本指标”（第 3 行）与 2021 框架的"
                               "“成本指标/经济成本指标”（第 4 行）")


def test_u302_advises_what_the_second_level_is_for():
    """Probe BK: money under 数量 was advised “应为计数、计量、百分比、时长、人均或单位数量（如 次/人）” — the kinds the rule
    lets pass, among them the percent P501 sends out of 数量; the advice names what the 二级 measures."""
    snippet = GRID + "产出指标\t数量指标\t消防装备购置\t≥50 万元\n\t质量指标\t装备采购\t≤20万元\n"
    quantity, quality = lint_snippet(snippet, select=["U302"])
    assert quantity.message == "数量指标的绩效值“≥50 万元”是金额，不适合该二级指标（应为计数、计量）"
    assert quality.message.endswith("（应为百分比）")


def test_q203_writes_the_project_period_as_dates_in_chinese():
    """Probe BK: the period a deadline falls outside was written 2026-01-01 至 2026-12-31, as code writes dates."""
    snippet = "(2026 年)\n项目名称\t优抚\n项目期限\t1年\n" + GRID + "产出指标\t时效指标\t补助发放时间\t2025年12月底前\n"
    (finding,) = lint_snippet(snippet, select=["Q203"])
    assert finding.message == ("时限“2025年12月底前”不在预算年度 2026 年及项目期限“1年”"
                               "（2026 年 1 月 1 日至 2026 年 12 月 31 日）之内")


def test_p504_examples_are_written_close_up():
    """Probe BK: “（如 服务人次、办结件数）” set Chinese examples off by a space, as only a figure (如 ≥3 次) is."""
    (finding,) = lint_snippet(GRID + "产出指标\t数量指标\t在编在岗人数\t12人\n", select=["P504"])
    assert finding.message.endswith("数量指标应统计项目提供的服务或产品（如服务人次、办结件数）")


def test_c401_guesses_no_product_between_two_counts_in_the_rate_s_unit():
    """Probe BT (农村公路养护): 2000 元/公里·年 beside ≥25 公里 and ≥12.5 公里 (the 1280 公里 typo'd 公理) was multiplied by
    the first and the product given as the table's figure; nothing tells which count the rate is paid on."""
    snippet = ("项目名称\t养护\n项目年度金额(元)\t3520000\n" + GRID + "产出指标\t数量指标\t实施安全生命防护工程\t≥25公里\n"
               "\t\t安装波形护栏\t≥12.5公里\n\t成本指标\t日常养护补助标准\t2000元/公里·年\n\t\t危桥改造成本\t≤90万元\n")
    (finding,) = lint_snippet(snippet, select=["C401", "C402"])
    assert "×" not in finding.message and finding.message.startswith("成本指标合计 900,000 元 与项目年度金额 3,520,000 元")
    one_count = snippet.replace("\t\t安装波形护栏\t≥12.5公里\n", "")
    (finding,) = lint_snippet(one_count, select=["C401", "C402"])
    assert "≥25 公里（实施安全生命防护工程）× 2000 元/公里·年" in finding.message


def test_q201_says_a_units_figure_was_never_filled_in():
    """A form's value cell left with its unit or comparator only (公里, ≧ %: 陕西's transfer-payment form) is a figure
    not filled in, not a phrase that fails to quantify; a phrase keeps the general message."""
    snippet = ("项目名称\t饮水工程\n" + GRID + "产出指标\t数量指标\t新建管网长度\t公里\n\t质量指标\t工程验收合格率\t≧ %\n"
               "\t\t供水水质\t良好\n")
    blank_length, blank_rate, phrase = lint_snippet(snippet, select=["Q201"])
    assert blank_length.message == "绩效值未填写数值：“公里”只有单位或符号（产出指标/数量指标）；应填写目标值，如 ≥3 次、≥200 人"
    assert blank_rate.message.startswith("绩效值未填写数值：“≧ %”只有单位或符号（产出指标/质量指标）")
    assert phrase.message.startswith("绩效值未量化：“良好”")


@pytest.mark.parametrize("value,blank", [
    ("至少 个", True), ("不多于 天", True), ("大于或等于 %", True), ("控制在 万元", True), ("万人", True),
    ("元/人·月", True), ("显著提升", False), ("良好", False), ("按计划", False), ("逐步提高", False),
])
def test_q201_tells_a_blank_figure_by_the_parsers_own_comparators(value, blank):
    """Review mend: the comparators before a blank figure were a list of Q201's own, shorter than the grammar's (至少,
    不多于, 大于或等于, 控制在 were missing); now the parser tells: with a figure put in before the unit, the cell reads
    as a quantity in that unit. A phrase ending in a unit's character (显著提升: 升, litres) stays a phrase."""
    (finding,) = lint_snippet("项目名称\t某项目\n" + GRID + f"产出指标\t数量指标\t服务人数\t{value}\n", select=["Q201"])
    assert finding.message.startswith("绩效值未填写数值" if blank else "绩效值未量化")


def test_a_message_on_the_midterm_target_does_not_call_it_the_years():
    """Audit DI: beside 中期指标值, the year's column 年度指标值 named the 中期 target too (年度指标值未量化：“止降回升”（中期目标…）)."""
    from targetlint.testing import lint_snippet

    snippet = ("项目名称\t禁牧补助\n一级指标\t二级指标\t三级指标\t中期指标值\t年度指标值\n"
               "效益指标\t生态效益\t草原植被覆盖度\t止降回升\t≥45%\n产出指标\t数量指标\t禁牧面积\t≥100万亩\t逐步提高\n")
    messages = [finding.message for finding in lint_snippet(snippet, select=["Q201"])]
    assert [message.split("：")[0] for message in messages] == ["指标值未量化", "指标值未量化"]
    assert "中期目标" in messages[0]

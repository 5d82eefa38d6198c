// Writes fixtures/rules/<area>/<name>.bad.txt / .good.txt for every rule, and their README, from one
// clean base table and one edit per fixture. `--check` also runs the checks and compares the findings.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT = join(ROOT, "fixtures/rules");

// ---- the base table (a model; rendered in the exact layout of the seed) ----

const HEADER = ["项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标"];
const OUTPUT = "1-产出指标";
const EFFECT = "2-效益指标";
const SATISFACTION = "3-满意度指标";

/** An indicator: [level-1, level-2, name, period target, annual target]. */
const ind = (level1, level2, name, period, annual = period) => ({ level1, level2, name, period, annual });

const BASE = {
  title: "项目支出绩效目标表（含转移支付项目）",
  department: "示例区科技创新局（部门）",
  moneyUnitLine: "单位：万元",
  header: HEADER,
  total: ["合计", "1,304.10", "1,104.10", "", "200.00"],
  units: [
    {
      row: ["示例区科技创新局", "1,304.10", "1,104.10", "", "200.00"],
      projects: [
        {
          row: ["科技企业研发补助资金", "1,250.00", "1,050.00", "", "200.00"],
          goal: "通过对区内科技企业研发投入给予后补助，引导企业加大研发投入，提升企业自主创新能力，推动我区科技产业高质量发展。",
          indicators: [
            ind(OUTPUT, "11-数量指标", "补助企业数量", "≥300家"),
            ind(OUTPUT, "12-质量指标", "补助资金拨付合规率", "100%"),
            ind(OUTPUT, "13-时效指标", "补助资金拨付及时率", "≥95%"),
            ind(OUTPUT, "14-成本指标", "单个企业补助上限", "≤50万元"),
            ind(EFFECT, "21-经济效益", "带动企业研发投入", "≥10亿元"),
            ind(SATISFACTION, "31-服务对象满意度", "补助企业满意度", "≥90%"),
          ],
        },
        {
          row: ["科技企业孵化器运营补贴", "45.50", "45.50", "", ""],
          goal: "通过对经认定的科技企业孵化器给予运营补贴，提升孵化器专业服务能力，培育更多科技型中小企业。",
          indicators: [
            ind(OUTPUT, "11-数量指标", "认定孵化器数量", "≥12个"),
            ind(OUTPUT, "14-成本指标", "单个孵化器年度补贴金额", "≤5万元"),
            ind(EFFECT, "21-经济效益", "在孵企业获得融资额", "≥3亿元", "≥1亿元"),
            ind(EFFECT, "22-社会效益", "新增在孵企业数量", "≥450家", "≥150家"),
            ind(SATISFACTION, "31-服务对象满意度", "在孵企业满意度", "≥85%"),
          ],
        },
        {
          row: ["科技政策宣传培训经费", "8.60", "8.60", "", ""],
          goal: "通过举办科技政策宣讲会和企业培训，提高企业对科技扶持政策的知晓度，帮助企业用好用足政策。",
          indicators: [
            ind(OUTPUT, "11-数量指标", "举办政策宣讲会场次", "≥6场"),
            ind(OUTPUT, "13-时效指标", "宣讲活动按期完成率", "100%"),
            ind(OUTPUT, "14-成本指标", "单场宣讲会费用", "≤1.2万元"),
            ind(EFFECT, "22-社会效益", "政策宣讲覆盖企业人数", "≥600人"),
            ind(SATISFACTION, "31-服务对象满意度", "参训企业满意度", "≥90%"),
          ],
        },
      ],
    },
  ],
};

/** Render an indicator cell: numbered 1、2、… unless an entry has its own `seq`; a string is kept raw. */
function renderIndicators(list) {
  return list
    .map((i, k) => (typeof i === "string" ? i : `${i.seq ?? k + 1}、${i.level1}；${i.level2}；${i.name}；实施周期指标值:${i.period}；年度指标值:${i.annual}`))
    .map((s) => `${s}。`)
    .join("");
}

function padRow(cells, width) {
  const out = [...cells];
  while (out.length < width) out.push("");
  return out.join("\t");
}

/** The table as text: blank lines around the preamble as in the seed, then tab-separated rows. */
function renderTable(t, note) {
  const width = t.header.length;
  const lines = ["", "", t.title, "", `部门名称：${t.department}`, note, ""];
  if (t.moneyUnitLine !== null) lines.push(t.moneyUnitLine, "");
  lines.push(t.header.join("\t"));
  if (t.total !== null) lines.push(padRow(t.total, width));
  for (const u of t.units) {
    lines.push(padRow(u.row, width));
    for (const p of u.projects) {
      if (p.bare) lines.push(padRow(p.row, width));
      else lines.push(padRow([...p.row, "", "", "", "", ""].slice(0, 5).concat([p.goal, typeof p.indicators === "string" ? p.indicators : renderIndicators(p.indicators)]), width));
    }
  }
  return lines.join("\n") + "\n";
}

// ---- edit helpers ----

const project = (t, name) => t.units.flatMap((u) => u.projects).find((p) => p.row[0] === name);
const indicator = (t, pname, iname) => project(t, pname).indicators.find((i) => i.name === iname);
/** Set both targets of an indicator (or period and annual separately). */
function setTargets(t, pname, iname, period, annual = period) {
  Object.assign(indicator(t, pname, iname), { period, annual });
}
function dropIndicators(t, pname, names) {
  const p = project(t, pname);
  p.indicators = p.indicators.filter((i) => !names.includes(i.name));
}

const A = "科技企业研发补助资金";
const B = "科技企业孵化器运营补贴";
const C = "科技政策宣传培训经费";

const MINUTES = `示例区科技创新局2024年第3次局务会议纪要

时间：2024年3月12日上午9:30
地点：局三楼会议室
主持：局长
参加：各科室负责人

一、会议听取了规划科关于2024年部门预算项目绩效目标编制情况的汇报，要求各项目于3月20日前报送修改后的绩效目标表。
二、会议研究了科技企业研发补助资金的拨付安排，同意按季度拨付，第一季度拨付比例不低于30%。
三、会议要求宣传培训经费项目增加满意度调查，调查结果纳入年度绩效自评。

（此件不公开）
`;

/** `text` in GB18030 (iconv-lite, as the reader decodes it). */
function gb18030(text) {
  return createRequire(import.meta.url)("iconv-lite").encode(text, "gb18030");
}

/** `bytes` with the byte `byte` inserted right after the first `after`. */
function withByte(bytes, after, byte) {
  const at = bytes.indexOf(after) + after.length;
  return Buffer.concat([bytes.subarray(0, at), Buffer.from([byte]), bytes.subarray(at)]);
}

/**
 * Every fixture: the rule id, which side, a Chinese note written into the table, an English line for
 * the README, the edit of the base table (or a whole text), the bytes written for it (`encode`;
 * default UTF-8), and the rule ids it triggers under the meta-test's configuration (the rule at
 * warning, every other rule at its default).
 */
const FIXTURES = [
  // input
  { id: "input/unreadable", kind: "bad", zh: "文件是会议纪要，不含绩效目标表", en: "meeting minutes: a text file with no table in it", text: MINUTES, expect: ["input/unreadable"] },
  { id: "input/unreadable", kind: "good", zh: "含表头的完整绩效目标表", en: "the base table: a header row is found", edit: () => {} },
  {
    id: "input/replaced-bytes", kind: "bad", zh: "GB18030 文件的项目名称中有一个无效字节 0xFF（读作 �）", en: "saved as GB18030 with an invalid byte 0xFF in the name 科技企业研发补助资金 (read as �)",
    edit: () => {}, encode: (text) => withByte(gb18030(text), gb18030("科技企业研发"), 0xff), expect: ["input/replaced-bytes"],
  },
  { id: "input/replaced-bytes", kind: "good", zh: "有效的 GB18030 文件", en: "the base table saved as valid GB18030", edit: () => {}, encode: (text) => gb18030(text) },

  // table
  {
    id: "table/header", kind: "bad", zh: "表头多出无法识别的列“项目类别”", en: "the header has an extra, unknown column 项目类别 (its cells are empty)",
    edit: (t) => t.header.push("项目类别"), expect: ["table/header"],
  },
  {
    id: "table/header", kind: "good", zh: "表头使用别名“财政专户管理资金”“其它资金”", en: "the header uses the aliases 财政专户管理资金 and 其它资金",
    edit: (t) => { t.header = t.header.map((h) => (h === "财政专户拨款" ? "财政专户管理资金" : h === "其他资金" ? "其它资金" : h)); },
  },
  { id: "table/preamble", kind: "bad", zh: "缺少“单位：万元”行", en: "the 单位：万元 line is missing", edit: (t) => { t.moneyUnitLine = null; }, expect: ["table/preamble"] },
  { id: "table/preamble", kind: "good", zh: "金额单位写作“金额单位：万元”", en: "the money unit written as 金额单位：万元", edit: (t) => { t.moneyUnitLine = "金额单位：万元"; } },
  {
    id: "table/ambiguous-row", kind: "bad",
    zh: "在两个项目之间插入无绩效目标和指标的行“科技金融服务经费 3.00”，按金额既不像单位也不像项目",
    en: "a row 科技金融服务经费 3.00 without goal and indicators between two projects; its amounts fit neither a unit nor a project (read as a unit, so the roll-ups fail too)",
    edit: (t) => t.units[0].projects.splice(1, 0, { bare: true, row: ["科技金融服务经费", "3.00", "3.00"] }),
    expect: ["amount/total-rollup", "amount/unit-rollup", "table/ambiguous-row"],
  },
  { id: "table/empty", kind: "bad", zh: "只有表头，没有合计、单位和项目行", en: "only the header: no 合计, unit or project row", edit: (t) => { t.total = null; t.units = []; }, expect: ["table/empty"] },
  { id: "table/empty", kind: "good", zh: "表头之下有合计、单位和项目", en: "the base table: 合计, a unit and its projects under the header", edit: () => {} },
  { id: "table/missing-total", kind: "bad", zh: "删去“合计”行", en: "the 合计 row is deleted", edit: (t) => { t.total = null; }, expect: ["table/missing-total"] },
  { id: "table/missing-total", kind: "good", zh: "表头之后是“合计”行", en: "the base table: the 合计 row follows the header", edit: () => {} },
  {
    id: "table/ambiguous-row", kind: "good",
    zh: "第二个资金使用单位“示例区科技创新服务中心 8.60”无绩效目标和指标，金额等于其后项目之和，可判定为单位",
    en: "a second unit row (示例区科技创新服务中心 8.60) without goal and indicators, decided by the amounts: each unit equals the projects after it",
    edit: (t) => {
      const [a, b, c] = t.units[0].projects;
      t.units = [
        { row: ["示例区科技创新局", "1,295.50", "1,095.50", "", "200.00"], projects: [a, b] },
        { row: ["示例区科技创新服务中心", "8.60", "8.60", "", ""], projects: [c] },
      ];
    },
  },

  // amount
  { id: "amount/format", kind: "bad", zh: "合计的总计写作“13,04.10”（千位分隔符位置错误）", en: "合计's 总计 written 13,04.10 (misplaced thousands separator)", edit: (t) => { t.total[1] = "13,04.10"; }, expect: ["amount/format"] },
  { id: "amount/format", kind: "good", zh: "合计的总计写作“1304.10”（不带千位分隔符也有效）", en: "合计's 总计 written 1304.10 (no separator is valid too)", edit: (t) => { t.total[1] = "1304.10"; } },
  {
    id: "amount/negative", kind: "bad", zh: "其他资金以 -200.00 冲减（项目、单位、合计一致）", en: "其他资金 entered as an offset of -200.00 on a project, its unit and 合计 (all sums still hold)",
    edit: (t) => {
      for (const row of [t.total, t.units[0].row]) Object.assign(row, { 2: "1,504.10", 4: "-200.00" });
      Object.assign(project(t, A).row, { 2: "1,450.00", 4: "-200.00" });
    },
    expect: ["amount/negative"],
  },
  { id: "amount/negative", kind: "good", zh: "所有金额非负", en: "the base table: every amount is zero or more", edit: () => {} },
  {
    id: "amount/row-sum", kind: "bad", zh: "项目财政拨款 8.60 误录为 8.06，并带入单位和合计：三行总计都不等于资金来源之和",
    en: "a project's 财政拨款 8.60 mistyped as 8.06 and carried into its unit and 合计: 总计 ≠ sources on those three rows (the roll-ups still hold)",
    edit: (t) => {
      project(t, C).row[2] = "8.06";
      t.units[0].row[2] = "1,103.56";
      t.total[2] = "1,103.56";
    },
    expect: ["amount/row-sum"],
  },
  { id: "amount/row-sum", kind: "good", zh: "总计等于财政拨款与其他资金之和（1,250.00 = 1,050.00 + 200.00）", en: "the base table: 总计 = 财政拨款 + 其他资金 on every row (1,250.00 = 1,050.00 + 200.00)", edit: () => {} },
  {
    id: "amount/unit-rollup", kind: "bad", zh: "单位金额写作 1,314.10（其项目之和为 1,304.10），合计随之更改", en: "the unit row says 1,314.10 while its projects add up to 1,304.10 (合计 changed with it)",
    edit: (t) => { for (const row of [t.total, t.units[0].row]) Object.assign(row, { 1: "1,314.10", 2: "1,114.10" }); },
    expect: ["amount/unit-rollup"],
  },
  { id: "amount/unit-rollup", kind: "good", zh: "单位金额等于其项目之和", en: "the base table: the unit equals the sum of its projects", edit: () => {} },
  {
    id: "amount/total-rollup", kind: "bad", zh: "合计写作 1,314.10（各单位之和为 1,304.10）", en: "合计 says 1,314.10 while the units add up to 1,304.10",
    edit: (t) => Object.assign(t.total, { 1: "1,314.10", 2: "1,114.10" }), expect: ["amount/total-rollup"],
  },
  { id: "amount/total-rollup", kind: "good", zh: "合计等于各单位之和", en: "the base table: 合计 equals the sum of the units", edit: () => {} },
  {
    id: "amount/rounding", kind: "bad", zh: "单位与合计写作 1,304.11，比项目之和多 0.01（三个项目的舍入误差之内）",
    en: "the unit and 合计 say 1,304.11, 0.01 more than the projects (within the rounding of three parts)",
    edit: (t) => { for (const row of [t.total, t.units[0].row]) Object.assign(row, { 1: "1,304.11", 2: "1,104.11" }); },
    expect: ["amount/rounding"],
  },
  { id: "amount/rounding", kind: "good", zh: "单位与合计与明细之和完全相等", en: "the base table: every roll-up is exact", edit: () => {} },
  {
    id: "amount/zero-project", kind: "bad", zh: "新增项目“科技成果转化对接活动经费”总计为 0.00", en: "an added project 科技成果转化对接活动经费 with 总计 0.00",
    edit: (t) => t.units[0].projects.push(zeroProject("0.00", "")), expect: ["amount/zero-project"],
  },
  {
    id: "amount/zero-project", kind: "good", zh: "新增项目“科技成果转化对接活动经费”安排 2.40 万元，单位和合计随之增加", en: "the same added project with 2.40 (unit and 合计 raised to match)",
    edit: (t) => {
      t.units[0].projects.push(zeroProject("2.40", "2.40"));
      for (const row of [t.total, t.units[0].row]) Object.assign(row, { 1: "1,306.50", 2: "1,106.50" });
    },
  },

  // indicator
  {
    id: "indicator/syntax", kind: "bad", zh: "一个指标的二级指标与指标名称之间缺少“；”", en: "one indicator lacks the ； between its level-2 category and its name",
    edit: (t) => {
      const p = project(t, A);
      p.indicators[0] = "1、1-产出指标；11-数量指标补助企业数量；实施周期指标值:≥300家；年度指标值:≥300家";
    },
    expect: ["indicator/syntax"],
  },
  { id: "indicator/syntax", kind: "good", zh: "所有指标都能解析", en: "the base table: every indicator parses", edit: () => {} },
  {
    id: "indicator/sequence", kind: "bad", zh: "一个项目的指标编号为 1、2、3、4、6（缺 5）", en: "a project's indicators numbered 1, 2, 3, 4, 6 (5 is missing)",
    edit: (t) => { project(t, C).indicators[4].seq = 6; }, expect: ["indicator/sequence"],
  },
  { id: "indicator/sequence", kind: "good", zh: "指标编号连续", en: "the base table: numbering runs 1, 2, 3 …", edit: () => {} },
  {
    id: "indicator/category", kind: "bad", zh: "“补助企业数量”的二级指标写作“12-数量指标”（编码与名称不对应）", en: "补助企业数量 under 12-数量指标 (the code does not match the name)",
    edit: (t) => { indicator(t, A, "补助企业数量").level2 = "12-数量指标"; }, expect: ["indicator/category"],
  },
  { id: "indicator/category", kind: "good", zh: "所有指标分类都在指标体系中", en: "the base table: every category is in the catalogue", edit: () => {} },
  {
    id: "indicator/missing-value", kind: "bad", zh: "“在孵企业获得融资额”的实施周期指标值为“无”", en: "在孵企业获得融资额 has 实施周期指标值:无",
    edit: (t) => { indicator(t, B, "在孵企业获得融资额").period = "无"; }, expect: ["indicator/missing-value"],
  },
  { id: "indicator/missing-value", kind: "good", zh: "所有指标都有目标值", en: "the base table: every target has a value", edit: () => {} },
  {
    id: "indicator/percent-range", kind: "bad", zh: "“补助资金拨付及时率”写作 ≥950%", en: "补助资金拨付及时率 ≥950%",
    edit: (t) => setTargets(t, A, "补助资金拨付及时率", "≥950%"), expect: ["indicator/percent-range"],
  },
  { id: "indicator/percent-range", kind: "good", zh: "百分比都在 0–100% 之间", en: "the base table: every percentage lies in 0–100 %", edit: () => {} },
  {
    id: "indicator/vacuous-target", kind: "bad", zh: "“补助资金拨付及时率”写作 ≥0%", en: "补助资金拨付及时率 ≥0%",
    edit: (t) => setTargets(t, A, "补助资金拨付及时率", "≥0%"), expect: ["indicator/vacuous-target"],
  },
  { id: "indicator/vacuous-target", kind: "good", zh: "“补助资金拨付及时率”为 ≥95%", en: "the base table: 补助资金拨付及时率 ≥95%", edit: () => {} },
  {
    id: "indicator/annual-exceeds-period", kind: "bad", zh: "“新增在孵企业数量”实施周期 ≥150家、年度 ≥450家（两值填反）", en: "新增在孵企业数量: period ≥150家, annual ≥450家 (swapped)",
    edit: (t) => setTargets(t, B, "新增在孵企业数量", "≥150家", "≥450家"), expect: ["indicator/annual-exceeds-period"],
  },
  { id: "indicator/annual-exceeds-period", kind: "good", zh: "“新增在孵企业数量”实施周期 ≥450家、年度 ≥150家", en: "the base table: 新增在孵企业数量 period ≥450家, annual ≥150家", edit: () => {} },
  {
    id: "indicator/target-mismatch", kind: "bad", zh: "“补助企业数量”实施周期 ≥300家、年度 ≤300家（方向相反）", en: "补助企业数量: period ≥300家, annual ≤300家 (opposite directions)",
    edit: (t) => setTargets(t, A, "补助企业数量", "≥300家", "≤300家"), expect: ["indicator/target-mismatch"],
  },
  { id: "indicator/target-mismatch", kind: "good", zh: "两个目标值单位和方向一致", en: "the base table: period and annual targets agree in unit and direction", edit: () => {} },
  {
    id: "indicator/direction", kind: "bad", zh: "正向指标“补助资金拨付及时率”写作 ≤95%", en: "the positive indicator 补助资金拨付及时率 ≤95%",
    edit: (t) => setTargets(t, A, "补助资金拨付及时率", "≤95%"), expect: ["indicator/direction"],
  },
  { id: "indicator/direction", kind: "good", zh: "“补助资金拨付及时率”为 ≥95%", en: "the base table: 补助资金拨付及时率 ≥95%", edit: () => {} },
  {
    id: "indicator/qualitative", kind: "bad", zh: "“带动企业研发投入”的目标值为“明显增加”", en: "带动企业研发投入 with the target 明显增加 (text only)",
    edit: (t) => setTargets(t, A, "带动企业研发投入", "明显增加"), expect: ["indicator/qualitative"],
  },
  { id: "indicator/qualitative", kind: "good", zh: "“带动企业研发投入”为 ≥10亿元", en: "the base table: 带动企业研发投入 ≥10亿元", edit: () => {} },
  {
    id: "indicator/no-unit", kind: "bad", zh: "“认定孵化器数量”写作 ≥12（无单位）", en: "认定孵化器数量 ≥12 (no unit)",
    edit: (t) => setTargets(t, B, "认定孵化器数量", "≥12"), expect: ["indicator/no-unit"],
  },
  { id: "indicator/no-unit", kind: "good", zh: "“认定孵化器数量”为 ≥12个", en: "the base table: 认定孵化器数量 ≥12个", edit: () => {} },
  {
    id: "indicator/rate-unit", kind: "bad", zh: "计数指标“举办政策宣讲会场次”写作 100%", en: "the count 举办政策宣讲会场次 given as 100%",
    edit: (t) => setTargets(t, C, "举办政策宣讲会场次", "100%"), expect: ["indicator/rate-unit"],
  },
  { id: "indicator/rate-unit", kind: "good", zh: "“举办政策宣讲会场次”为 ≥6场，比率均以 % 表示", en: "the base table: 举办政策宣讲会场次 ≥6场, rates in %", edit: () => {} },
  {
    id: "indicator/duplicate", kind: "bad", zh: "同一项目中“补助资金拨付及时率”出现两次（复制粘贴遗留）", en: "补助资金拨付及时率 twice in one project (a copy-and-paste slip over 补助资金拨付合规率)",
    edit: (t) => { indicator(t, A, "补助资金拨付合规率").name = "补助资金拨付及时率"; }, expect: ["indicator/duplicate"],
  },
  { id: "indicator/duplicate", kind: "good", zh: "指标名称不重复", en: "the base table: no name repeats within a project", edit: () => {} },
  {
    id: "indicator/satisfaction-placement", kind: "bad", zh: "“孵化服务满意度”放在 2-效益指标；22-社会效益 下", en: "an added 孵化服务满意度 under 2-效益指标；22-社会效益",
    edit: (t) => project(t, B).indicators.push(ind(EFFECT, "22-社会效益", "孵化服务满意度", "≥90%")), expect: ["indicator/satisfaction-placement"],
  },
  {
    id: "indicator/satisfaction-placement", kind: "good", zh: "“孵化服务满意度”放在 3-满意度指标；31-服务对象满意度 下", en: "the same 孵化服务满意度 under 3-满意度指标；31-服务对象满意度",
    edit: (t) => project(t, B).indicators.push(ind(SATISFACTION, "31-服务对象满意度", "孵化服务满意度", "≥90%")),
  },
  {
    id: "indicator/satisfaction-threshold", kind: "bad", zh: "“补助企业满意度”目标为 ≥60%（低于 80%）", en: "补助企业满意度 ≥60% (below the 80 % floor)",
    edit: (t) => setTargets(t, A, "补助企业满意度", "≥60%"), expect: ["indicator/satisfaction-threshold"],
  },
  { id: "indicator/satisfaction-threshold", kind: "good", zh: "“补助企业满意度”目标为 ≥90%", en: "the base table: 补助企业满意度 ≥90%", edit: () => {} },

  // project
  { id: "project/missing-goal", kind: "bad", zh: "项目“科技企业孵化器运营补贴”没有绩效目标", en: "科技企业孵化器运营补贴 has an empty 绩效目标", edit: (t) => { project(t, B).goal = ""; }, expect: ["project/missing-goal"] },
  { id: "project/missing-name", kind: "bad", zh: "项目“科技企业孵化器运营补贴”的名称格为空（导出的合并单元格）", en: "the name cell of 科技企业孵化器运营补贴 is empty (a merged cell exported blank)", edit: (t) => { project(t, B).row[0] = ""; }, expect: ["project/missing-name"] },
  { id: "project/missing-name", kind: "good", zh: "每个项目都有名称", en: "the base table: every project has a name", edit: () => {} },
  { id: "project/missing-goal", kind: "good", zh: "每个项目都有绩效目标", en: "the base table: every project has a goal", edit: () => {} },
  {
    id: "project/missing-indicators", kind: "bad", zh: "项目“科技企业孵化器运营补贴”没有绩效指标", en: "科技企业孵化器运营补贴 has an empty 绩效指标",
    edit: (t) => { project(t, B).indicators = ""; }, expect: ["project/missing-indicators"],
  },
  { id: "project/missing-indicators", kind: "good", zh: "每个项目都有绩效指标", en: "the base table: every project has indicators", edit: () => {} },
  {
    id: "project/missing-output", kind: "bad", zh: "项目“科技企业孵化器运营补贴”删去两个产出指标", en: "科技企业孵化器运营补贴 without its two 产出指标 (3 indicators left)",
    edit: (t) => dropIndicators(t, B, ["认定孵化器数量", "单个孵化器年度补贴金额"]), expect: ["project/missing-output"],
  },
  { id: "project/missing-output", kind: "good", zh: "每个项目都有产出指标", en: "the base table: every project has a 产出指标", edit: () => {} },
  {
    id: "project/missing-effect", kind: "bad", zh: "项目“科技企业孵化器运营补贴”删去两个效益指标", en: "科技企业孵化器运营补贴 without its two 效益指标 (3 indicators left)",
    edit: (t) => dropIndicators(t, B, ["在孵企业获得融资额", "新增在孵企业数量"]), expect: ["project/missing-effect"],
  },
  { id: "project/missing-effect", kind: "good", zh: "每个项目都有效益指标", en: "the base table: every project has a 效益指标", edit: () => {} },
  {
    id: "project/missing-satisfaction", kind: "bad", zh: "项目“科技企业孵化器运营补贴”删去满意度指标", en: "科技企业孵化器运营补贴 without its 满意度指标",
    edit: (t) => dropIndicators(t, B, ["在孵企业满意度"]), expect: ["project/missing-satisfaction"],
  },
  { id: "project/missing-satisfaction", kind: "good", zh: "每个项目都有满意度指标", en: "the base table: every project has a 满意度指标", edit: () => {} },
  {
    id: "project/missing-cost", kind: "bad", zh: "项目“科技企业孵化器运营补贴”删去成本指标（此规则默认关闭）", en: "科技企业孵化器运营补贴 without its 14-成本指标 (the rule is off by default; the meta-test turns it on)",
    edit: (t) => dropIndicators(t, B, ["单个孵化器年度补贴金额"]), expect: ["project/missing-cost"],
  },
  { id: "project/missing-cost", kind: "good", zh: "每个项目都有 14-成本指标", en: "the base table: every project has a 14-成本指标", edit: () => {} },
  {
    id: "project/few-indicators", kind: "bad", zh: "项目“科技政策宣传培训经费”只剩 2 个指标（也因此缺少效益指标）",
    en: "科技政策宣传培训经费 with only 2 indicators (so it also lacks a 效益指标: three categories need three indicators)",
    edit: (t) => { const p = project(t, C); p.indicators = [p.indicators[0], p.indicators[4]]; },
    expect: ["project/few-indicators", "project/missing-effect"],
  },
  {
    id: "project/few-indicators", kind: "good", zh: "项目“科技政策宣传培训经费”有 3 个指标（产出、效益、满意度各一）", en: "科技政策宣传培训经费 with exactly 3 indicators (one each of 产出, 效益, 满意度)",
    edit: (t) => { const p = project(t, C); p.indicators = [p.indicators[0], p.indicators[3], p.indicators[4]]; },
  },
  {
    id: "project/duplicate-name", kind: "bad", zh: "同一单位下两个项目都叫“科技企业孵化器运营补贴”", en: "two projects named 科技企业孵化器运营补贴 under one unit",
    edit: (t) => { project(t, C).row[0] = B; }, expect: ["project/duplicate-name"],
  },
  { id: "project/duplicate-name", kind: "good", zh: "同一单位下项目名称不重复", en: "the base table: project names are unique within the unit", edit: () => {} },
];

/** The project added by the amount/zero-project fixtures. */
function zeroProject(total, appropriation) {
  return {
    row: ["科技成果转化对接活动经费", total, appropriation, "", ""],
    goal: "通过举办科技成果转化对接活动，促进高校院所科技成果在我区转化落地。",
    indicators: [
      ind(OUTPUT, "11-数量指标", "举办对接活动场次", "≥4场"),
      ind(OUTPUT, "14-成本指标", "单场活动费用", "≤0.6万元"),
      ind(EFFECT, "22-社会效益", "促成技术合同数量", "≥20项"),
      ind(SATISFACTION, "31-服务对象满意度", "参与企业满意度", "≥90%"),
    ],
  };
}

// ---- output ----

function fixtureText(f) {
  if (f.text !== undefined) return f.text;
  const t = JSON.parse(JSON.stringify(BASE));
  f.edit(t);
  const what = f.kind === "bad" ? `（${f.zh}）` : `的通过示例（${f.zh}）`;
  return renderTable(t, `说明：本表演示规则 ${f.id}${what}`);
}

function renderReadme() {
  const rows = FIXTURES.map((f) => `| \`${f.id}.${f.kind}.txt\` | ${f.en} | ${(f.expect ?? []).map((id) => `\`${id}\``).join(", ") || "none"} |`);
  return [
    "# Rule fixtures",
    "",
    "One pair of tables per rule: `<area>/<name>.bad.txt` makes the rule fire, `<area>/<name>.good.txt` is the",
    "nearest variant that passes. All of them are generated from one base table (a small department with one unit",
    "and three projects, exact roll-ups, indicators in every category; it triggers no finding, even with",
    "`project/missing-cost` on) by one edit each, so they stay consistent. Do not edit them by hand:",
    "",
    "```",
    "node scripts/make-rule-fixtures.mjs          # rewrite every fixture and this README",
    "node scripts/make-rule-fixtures.mjs --check  # also check each fixture and compare with the ids below",
    "```",
    "",
    "Each table's preamble has a `说明：` line naming the rule and the edit (the reader keeps it as a note).",
    "`test/meta/rules.test.ts` checks that every bad fixture triggers its rule and every good one does not.",
    "The last column lists every rule id a fixture triggers when its own rule is on (at warning) and every",
    "other rule is at its default severity; ids besides the fixture's own rule are side effects of the edit.",
    "",
    "| fixture | what it shows | rule ids triggered |",
    "| --- | --- | --- |",
    ...rows,
    "",
  ].join("\n");
}

/** Run the checks (the sources bundled with esbuild) and compare each fixture's rule ids with `expect`. */
async function checkFixtures() {
  const { build } = await import("esbuild");
  // In dist/ (not the system's temporary folder): the bundle requires iconv-lite from node_modules at
  // run time, for the fixtures that are not UTF-8.
  const file = join(ROOT, "dist", `perftable-fixtures-${process.pid}.mjs`);
  await build({
    stdin: { contents: 'export { checkInput, defaultConfig } from "./src/validate/run.ts"; export { rules } from "./src/rules/index.ts";', resolveDir: ROOT, loader: "ts" },
    bundle: true, platform: "node", format: "esm", outfile: file, logLevel: "warning",
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  let failed = 0;
  try {
    const { checkInput, defaultConfig, rules } = await import(pathToFileURL(file).href);
    const base = defaultConfig();
    const covered = new Set(FIXTURES.map((f) => `${f.id}.${f.kind}`));
    for (const id of rules.map((r) => r.meta.id)) {
      for (const kind of ["bad", "good"]) {
        if (covered.has(`${id}.${kind}`)) continue;
        failed++;
        console.error(`no ${kind} fixture for ${id}`);
      }
    }
    const everyRule = new Map(rules.map((r) => [r.meta.id, "warning"]));
    const clean = checkInput(renderTable(BASE, "说明：基础表"), { path: "base", config: { severities: everyRule, options: base.options } });
    for (const d of clean.diagnostics) {
      failed++;
      console.error(`base table: ${d.line}:${d.column} ${d.ruleId} ${d.messageId}`);
    }
    for (const f of FIXTURES) {
      const path = join(OUT, `${f.id}.${f.kind}.txt`);
      const severities = new Map(base.severities).set(f.id, "warning");
      const report = checkInput(readFileSync(path), { path, config: { severities, options: base.options } });
      const got = [...new Set(report.diagnostics.map((d) => d.ruleId))].sort();
      const want = [...(f.expect ?? [])].sort();
      if (got.join() !== want.join()) {
        failed++;
        console.error(`${f.id}.${f.kind}.txt: expected [${want.join(", ")}], got [${got.join(", ")}]`);
        for (const d of report.diagnostics) console.error(`  ${d.line}:${d.column} ${d.ruleId} ${d.messageId} ${JSON.stringify(d.data)}`);
      }
    }
  } finally {
    rmSync(file, { force: true });
  }
  return failed;
}

for (const f of FIXTURES) {
  const path = join(OUT, `${f.id}.${f.kind}.txt`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, f.encode === undefined ? fixtureText(f) : f.encode(fixtureText(f)));
}
writeFileSync(join(OUT, "README.md"), renderReadme());
console.log(`wrote ${FIXTURES.length} fixtures and README.md to fixtures/rules/`);
if (process.argv.includes("--check")) {
  const failed = await checkFixtures();
  console.log(failed === 0 ? "every fixture triggers exactly the expected rule ids" : `${failed} fixture(s) differ from their expected rule ids`);
  if (failed > 0) process.exitCode = 1;
}

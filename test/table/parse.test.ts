import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { parseTable } from "../../src/table/parse.js";
import { renderIndicatorsCell } from "../../src/table/reader.js";
import type { Project, TableDocument } from "../../src/types.js";
import { editSeed, SEED } from "../helpers/fixtures.js";

function only(input: string | Uint8Array): TableDocument {
  const result = parseTable(input);
  expect(result.value).toHaveLength(1);
  return result.value[0]!;
}

function projects(doc: TableDocument): Project[] {
  return doc.units.flatMap((u) => u.projects);
}

/** The document without what legitimately differs between spellings of the same table. */
function typedOnly(doc: TableDocument): unknown {
  return JSON.parse(
    JSON.stringify(doc, (key, value) =>
      ["encoding", "raw", "indicatorsRaw", "indicatorsFinalStop", "endColumn", "annualAt", "periodAt"].includes(key) ? undefined : value,
    ),
  );
}

describe("a preamble line holding a line or paragraph separator (U+2028, U+2029) or a lone CR", () => {
  it.each([["\u2028"], ["\u2029"], ["\r"]])("keeps the department and the unit (%j)", (separator) => {
    const text = editSeed("单位：万元", `单位：万${separator}元`, editSeed("部门名称：广州开发区金融工作局（部门）", `部门名称：广州开发区${separator}金融工作局（部门）`));
    const result = parseTable(text);
    const doc = result.value[0]!;
    expect(doc.department).toBe(`广州开发区${separator}金融工作局（部门）`);
    expect(doc.moneyUnit).toBe(`万${separator}元`);
    expect(doc.notes ?? []).toEqual([]);
    expect(result.diagnostics.filter((d) => d.messageId === "missingDepartment" || d.messageId === "missingUnit")).toEqual([]);
  });
});

describe("the seed table", () => {
  const doc = only(SEED);

  it("reads the preamble and header", () => {
    expect(doc.title).toBe("项目支出绩效目标表（含转移支付项目）");
    expect(doc.department).toBe("广州开发区金融工作局（部门）");
    expect(doc.moneyUnit).toBe("万元");
    expect(doc.encoding).toBe("utf-8");
    expect(doc.line).toBe(3);
    expect(doc.header?.line).toBe(9);
    expect(doc.header?.columns.map((c) => c.key)).toEqual(["name", "total", "appropriation", "specialAccount", "other", "goal", "indicators"]);
  });

  it("has 合计, 2 units, 12 + 1 projects and 53 indicators with exact amounts", () => {
    expect(doc.total).toMatchObject({ line: 10, amounts: { total: "15812.52", appropriation: "15812.52", specialAccount: null, other: null } });
    expect(doc.units.map((u) => [u.name, u.line, u.amounts.total, u.projects.length])).toEqual([
      ["广州开发区金融工作局", 11, "15810.92", 12],
      ["广州开发区金融工作服务中心", 27, "1.60", 1],
    ]);
    expect(projects(doc).map((p) => p.line)).toEqual([12, 13, 14, 16, 17, 18, 19, 21, 22, 23, 24, 26, 28]);
    expect(projects(doc).reduce((n, p) => n + p.indicators.length, 0)).toBe(53);
    const first = projects(doc)[0]!;
    expect(first).toMatchObject({ name: "金融发展专项资金", amounts: { total: "13000.00" }, amountsRaw: { total: "13,000.00" } });
    expect(first.goal).toMatch(/^通过向企业发放政策扶持补贴/);
  });

  it("places the first indicator of line 12 at column 95", () => {
    const i = projects(doc)[0]!.indicators[0]!;
    expect(i).toMatchObject({ seq: 1, line: 12, column: 95, name: "扶持项目数量", level1: { code: "1", name: "产出指标" }, level2: { code: "11", name: "数量指标" } });
    expect(i.period).toMatchObject({ raw: "≥495家次", kind: "quantity", comparator: ">=", value: "495", unit: "家次" });
  });

  it("reports nothing while reading", () => {
    expect(parseTable(SEED).diagnostics).toEqual([]);
  });

  it("is lossless: every cell can be rebuilt from the document", () => {
    const lines = SEED.split("\n");
    for (const p of projects(doc)) {
      const cells = lines[p.line - 1]!.split("\t");
      expect(p.name).toBe(cells[0]);
      expect(p.amountsRaw.total).toBe(cells[1]);
      expect(p.amountsRaw.appropriation).toBe(cells[2]);
      expect(p.goal).toBe(cells[5]);
      expect(renderIndicatorsCell(p)).toBe(cells[6]);
    }
  });
});

describe("spellings of the same table give the same document", () => {
  const reference = typedOnly(only(SEED));

  it("GB18030", () => {
    const doc = only(iconv.encode(SEED, "gb18030"));
    expect(doc.encoding).toBe("gb18030");
    expect(typedOnly(doc)).toEqual(reference);
  });

  it("UTF-16LE with BOM (Excel's Unicode text)", () => {
    const doc = only(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(SEED, "utf-16le")]));
    expect(doc.encoding).toBe("utf-16le");
    expect(typedOnly(doc)).toEqual(reference);
  });

  it("UTF-8 with BOM and CRLF", () => {
    const doc = only(Buffer.from("\uFEFF" + SEED.replace(/\n/g, "\r\n"), "utf8"));
    expect(typedOnly(doc)).toEqual(reference);
  });

  it("full-width ： after the labels", () => {
    const doc = only(SEED.replace(/指标值:/g, "指标值："));
    expect(typedOnly(doc)).toEqual(reference);
  });

  it("half-width ; between parts", () => {
    const lines = SEED.split("\n").map((l) => {
      const cells = l.split("\t");
      if (cells.length === 7 && cells[6]!.includes("；")) cells[6] = cells[6]!.replace(/；/g, ";");
      return cells.join("\t");
    });
    expect(typedOnly(only(lines.join("\n")))).toEqual(reference);
  });

  it("without the final 。 of each cell", () => {
    const text = SEED.replace(/。\n/g, "\n");
    const doc = only(text);
    expect(typedOnly(doc)).toEqual(reference);
    expect(projects(doc)[0]!.indicatorsFinalStop).toBe(false);
  });

  it("extra spaces around cells, trailing empty cells and extra blank lines", () => {
    const text = SEED.split("\n")
      .map((l) => (l.includes("\t") ? l.split("\t").map((c) => (c === "" ? c : ` ${c}\u3000`)).join("\t") + "\t\t" : l))
      .join("\n\n");
    const doc = only(text);
    expect(projects(doc)).toHaveLength(13);
    expect(projects(doc)[0]!.amounts.total).toBe("13000.00");
    expect(projects(doc)[0]!.indicators).toHaveLength(6);
    expect(doc.total?.amounts.total).toBe("15812.52");
  });
});

describe("structure", () => {
  it("finds columns by name in any order, with aliases", () => {
    const text = [
      "项目支出绩效目标表",
      "部门名称：某局",
      "单位：万元",
      "绩效指标\t项目名称\t其它资金\t总计\t财政专户管理资金\t财政拨款\t绩效目标",
      "\t合计\t1.00\t11.00\t\t10.00\t",
      "1、1-产出指标；11-数量指标；培训人次；实施周期指标值:≥100人次；年度指标值:≥100人次。\t培训项目\t1.00\t11.00\t\t10.00\t完成培训",
    ].join("\n");
    const doc = only(text);
    expect(doc.total?.amounts).toEqual({ total: "11.00", appropriation: "10.00", specialAccount: null, other: "1.00" });
    const p = projects(doc)[0]!;
    expect(p.name).toBe("培训项目");
    expect(p.goal).toBe("完成培训");
    expect(p.indicators[0]).toMatchObject({ line: 6, column: 1, name: "培训人次" });
  });

  it("puts projects of a table without unit rows in one unit with null name and line", () => {
    const text = editSeed("广州开发区金融工作局\t15,810.92\t15,810.92\t\t\t\t\n", "")
      .replace("广州开发区金融工作服务中心\t1.60\t1.60\t\t\t\t\n", "");
    const doc = only(text);
    expect(doc.units).toHaveLength(1);
    expect(doc.units[0]).toMatchObject({ name: null, line: null });
    expect(doc.units[0]!.projects).toHaveLength(13);
  });

  it("reads a project without goal and indicators that completes its unit as a project", () => {
    const text = editSeed(
      "综合工作经费\t1.60\t1.60\t\t\t",
      "综合工作经费\t1.00\t1.00\t\t\t",
    ).replace("广州开发区金融工作服务中心\t1.60\t1.60\t\t\t\t\n", "广州开发区金融工作服务中心\t1.60\t1.60\t\t\t\t\n印刷费\t0.60\t0.60\t\t\t\t\n");
    const doc = only(text);
    expect(doc.units.map((u) => u.name)).toEqual(["广州开发区金融工作局", "广州开发区金融工作服务中心"]);
    expect(doc.units[1]!.projects.map((p) => [p.name, p.goal])).toEqual([
      ["印刷费", null],
      ["综合工作经费", expect.stringMatching(/^印制/)],
    ]);
  });

  it("decides a bare row in the middle of a unit by the rows after it", () => {
    // 某项目 comes while the unit does not add up yet and does not complete it alone; read as a
    // project, the whole unit adds up once the rest of its projects are in.
    const text = editSeed("金融风险防控经费\t105.00", "某项目\t3.00\t3.00\t\t\t\t\n金融风险防控经费\t105.00")
      .replace("广州开发区金融工作局\t15,810.92\t15,810.92", "广州开发区金融工作局\t15,813.92\t15,813.92")
      .replace("合计\t15,812.52\t15,812.52", "合计\t15,815.52\t15,815.52");
    const result = parseTable(text);
    expect(result.diagnostics).toEqual([]);
    const doc = result.value[0]!;
    expect(doc.units.map((u) => u.name)).toEqual(["广州开发区金融工作局", "广州开发区金融工作服务中心"]);
    expect(doc.units[0]!.projects.map((p) => p.name)).toContain("某项目");
    expect(doc.units[0]!.projects).toHaveLength(13);
  });

  it("reads a bare row followed by projects that add up to it as a unit", () => {
    const text = editSeed("金融风险防控经费\t105.00", "新单位\t1,775.12\t1,775.12\t\t\t\t\n金融风险防控经费\t105.00")
      .replace("广州开发区金融工作局\t15,810.92\t15,810.92", "广州开发区金融工作局\t14,035.80\t14,035.80");
    const result = parseTable(text);
    expect(result.diagnostics).toEqual([]);
    expect(result.value[0]!.units.map((u) => [u.name, u.projects.length])).toEqual([
      ["广州开发区金融工作局", 6],
      ["新单位", 6],
      ["广州开发区金融工作服务中心", 1],
    ]);
  });

  it("reports a row that is neither a unit nor a project by its amounts, and keeps it", () => {
    // 某行 comes while the first unit does not add up yet, and is not followed by projects that add up to it.
    const text = editSeed("金融风险防控经费\t105.00", "某行\t3.00\t3.00\t\t\t\t\n金融风险防控经费\t105.00");
    const result = parseTable(text);
    const doc = result.value[0]!;
    const row = doc.units.find((u) => u.name === "某行");
    expect(row).toMatchObject({ ambiguous: true, line: 19 });
    expect(result.diagnostics).toEqual([expect.objectContaining({ ruleId: "table/ambiguous-row", line: 19, column: 1, messageId: "unitOrProject" })]);
    // nothing dropped: all 13 projects are still there
    expect(projects(doc)).toHaveLength(13);
  });

  it("reads several tables in one file, each with its own preamble", () => {
    const second = editSeed("广州开发区金融工作局（部门）", "广州开发区科技创新局（部门）");
    const result = parseTable(SEED + "\n" + second);
    expect(result.value.map((d) => [d.department, d.line, d.units.length])).toEqual([
      ["广州开发区金融工作局（部门）", 3, 2],
      ["广州开发区科技创新局（部门）", 31, 2],
    ]);
    expect(result.value[1]!.total?.line).toBe(38);
  });

  it("keeps unknown columns and reports them", () => {
    const text = SEED.replace("绩效指标\n", "绩效指标\t复核意见\n").replace("综合工作经费\t1.60\t1.60\t\t\t", "综合工作经费\t1.60\t1.60\t\t\t").replace(/(金融招商能力提升。)$/m, "$1\t待复核");
    const result = parseTable(text);
    expect(result.diagnostics).toEqual([expect.objectContaining({ ruleId: "table/header", messageId: "unknownColumn", data: { name: "复核意见" }, line: 9 })]);
    expect(projects(result.value[0]!).at(-1)!.extra).toEqual({ 复核意见: "待复核" });
  });

  it("reports missing required columns and preamble lines", () => {
    const result = parseTable("项目名称\t总计\t财政拨款\n合计\t1.00\t1.00\n项目甲\t1.00\t1.00\n");
    const ids = result.diagnostics.map((d) => `${d.ruleId}:${d.messageId}`);
    expect(ids).toEqual([
      "table/header:missingColumn",
      "table/header:missingColumn",
      "table/preamble:missingTitle",
      "table/preamble:missingDepartment",
      "table/preamble:missingMoneyUnit",
    ]);
    expect(result.diagnostics.slice(0, 2).map((d) => d.data.column)).toEqual(["goal", "indicators"]);
  });

  it("reports a money unit other than 万元 or 元", () => {
    const result = parseTable(editSeed("单位：万元", "单位：千元"));
    expect(result.diagnostics).toEqual([expect.objectContaining({ ruleId: "table/preamble", messageId: "unknownMoneyUnit", data: { unit: "千元" } })]);
  });
});

describe("a preamble that says a thing twice", () => {
  it("keeps the first money unit, the second line in notes, and warns when they differ", () => {
    const result = parseTable(editSeed("单位：万元\n", "单位：万元\n单位：元\n"));
    const doc = result.value[0]!;
    expect(doc.moneyUnit).toBe("万元");
    expect(doc.notes).toEqual([{ line: 8, text: "单位：元" }]);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ ruleId: "table/preamble", messageId: "conflictingMoneyUnit", line: 8, data: { unit: "万元", other: "元" } }),
    ]);
  });

  it("a repeated identical money unit line is kept in notes, with no finding", () => {
    const result = parseTable(editSeed("单位：万元\n", "单位：万元\n单位：万元\n"));
    expect(result.value[0]!.moneyUnit).toBe("万元");
    expect(result.value[0]!.notes).toEqual([{ line: 8, text: "单位：万元" }]);
    expect(result.diagnostics).toEqual([]);
  });

  it("keeps the first 部门名称 and a later 单位名称 line in notes", () => {
    const doc = only(editSeed("部门名称：广州开发区金融工作局（部门）\n", "部门名称：广州开发区金融工作局（部门）\n单位名称：广州开发区金融工作局本级\n"));
    expect(doc.department).toBe("广州开发区金融工作局（部门）");
    expect(doc.notes).toEqual([{ line: 6, text: "单位名称：广州开发区金融工作局本级" }]);
  });
});

describe("a preamble label and its value in two cells", () => {
  it("reads 部门名称：⇥name and 单位：⇥万元 as the department and the money unit", () => {
    const result = parseTable(editSeed("单位：万元", "单位：\t万元", editSeed("部门名称：", "部门名称：\t")));
    const doc = result.value[0]!;
    expect(doc.department).toBe("广州开发区金融工作局（部门）");
    expect(doc.moneyUnit).toBe("万元");
    expect(doc.notes).toBeUndefined();
    expect(result.diagnostics).toEqual([]);
  });

  it("a second label with its value apart goes to the notes whole", () => {
    const doc = only(editSeed("单位：万元\n", "单位：万元\n单位：\t万元\n"));
    expect(doc.notes).toEqual([{ line: 8, text: "单位：" }, { line: 8, text: "万元" }]);
  });

  it("an empty label with nothing after it stays empty (and is reported)", () => {
    const result = parseTable(editSeed("单位：万元", "单位：\t\t"));
    expect(result.value[0]!.moneyUnit).toBe("");
    expect(result.diagnostics.map((d) => d.messageId)).toEqual(["unknownMoneyUnit"]);
  });
});

describe("the 合计 row's name", () => {
  it.each([["合　计"], ["总计"], ["合 计"]])("keeps %s as published (name), so the row can be rebuilt", (name) => {
    const doc = only(editSeed("合计\t15,812.52", `${name}\t15,812.52`));
    expect(doc.total).toMatchObject({ line: 10, name });
  });

  it("has no name key for the usual 合计 (the seed's document is unchanged)", () => {
    expect(only(SEED).total).not.toHaveProperty("name");
  });
});

describe("unusable input", () => {
  it.each([
    ["empty bytes", new Uint8Array(), "empty"],
    ["only blank lines", Buffer.from("\n\n  \n"), "empty"],
    ["a PDF", Buffer.from("%PDF-1.7\n%âãÏÓ\n1 0 obj"), "binary"],
    ["an old .xls", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), "xls"],
    ["NUL bytes", Buffer.from([0x41, 0x00, 0x42, 0x00, 0x43]), "binary"],
    ["text without a header", Buffer.from("这是一份会议纪要。\n没有表格。\n"), "noTable"],
  ])("%s → input/unreadable %s", (_name, bytes, messageId) => {
    const result = parseTable(bytes);
    expect(result.value).toEqual([]);
    expect(result.diagnostics).toEqual([expect.objectContaining({ ruleId: "input/unreadable", messageId, line: 1, column: 1 })]);
  });
});

describe("pathological rows", () => {
  it("keeps a line of a million tabs to a bounded number of cells, losing no text", async () => {
    const { splitLine, MAX_CELLS } = await import("../../src/table/split.js");
    const row = splitLine("a\t" + "\t".repeat(1_000_000) + "z", 1);
    expect(row.cells).toHaveLength(MAX_CELLS);
    expect(row.cells.at(-1)!.text).toBe("z");
    expect(row.cells.at(-1)!.column).toBe(1_000_003);
    const text = SEED.replace(/(金融招商能力提升。)$/m, "$1" + "\t".repeat(300) + "备注");
    const p = parseTable(text).value[0]!.units[1]!.projects[0]!;
    expect(Object.values(p.extra ?? {})).toContain("备注");
  });
});

describe("cells under no header cell", () => {
  it("keeps a cell under an empty header cell in the row's extra, by its column number (as past the last column)", () => {
    // The 财政专户拨款 header cell left empty (a merged or deleted header), one project with money there.
    const text = editSeed("财政拨款\t财政专户拨款\t其他资金", "财政拨款\t\t其他资金", editSeed("金融交流专项经费\t70.00\t70.00\t\t", "金融交流专项经费\t70.00\t60.00\t10.00\t"));
    const doc = only(text);
    expect(doc.header!.columns.map((c) => c.index)).toEqual([0, 1, 2, 4, 5, 6]);
    const project = projects(doc).find((p) => p.name === "金融交流专项经费")!;
    expect(project.extra).toEqual({ "#4": "10.00" });
    expect(project.amounts).toEqual({ total: "70.00", appropriation: "60.00", specialAccount: null, other: null });
  });
});

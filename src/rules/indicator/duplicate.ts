// indicator/duplicate: the same indicator name twice in one project (reported on the repeats).
import type { Project } from "../../types.js";
import { defineRule } from "../types.js";
import { indicatorLabel, indicatorSpan } from "./util.js";

export default defineRule({
  meta: {
    id: "indicator/duplicate",
    defaultSeverity: "warning",
    docs: {
      summary: { zh: "同一项目中指标名称重复", en: "the same indicator name twice in one project" },
      why: {
        zh: "重复的指标多为复制粘贴遗留，会被重复计算，或两个指标值相互矛盾。",
        en: "A repeated indicator is usually a copy-and-paste leftover; it is counted twice or its two targets contradict each other.",
      },
      bad: "1、1-产出指标；11-数量指标；印制宣传品数量；实施周期指标值:2000份；年度指标值:2000份。2、1-产出指标；11-数量指标；印制宣传品数量；实施周期指标值:1000份；年度指标值:1000份",
      good: "1、1-产出指标；11-数量指标；印制宣传品数量；实施周期指标值:2000份；年度指标值:2000份。2、1-产出指标；11-数量指标；宣传活动场次；实施周期指标值:4场；年度指标值:4场",
    },
    messages: {
      duplicate: {
        zh: "指标“{name}”在本项目中重复（首次出现在第 {firstSeq} 项）",
        en: "indicator “{name}” appears twice in this project (first as number {firstSeq})",
      },
    },
  },
  create(ctx) {
    let current: Project | null = null;
    let seen = new Map<string, number | null>();
    return {
      indicator(i, p) {
        if (p !== current) {
          current = p;
          seen = new Map();
        }
        const name = i.name;
        if (name === null || name === "") return;
        if (!seen.has(name)) {
          seen.set(name, i.seq);
          return;
        }
        ctx.report({
          messageId: "duplicate",
          data: { name, firstSeq: seen.get(name) ?? "?" },
          span: indicatorSpan(i),
          project: p.name,
          indicator: indicatorLabel(i),
        });
      },
    };
  },
});

// Test helper: a workbook with a chart sheet, which exceljs cannot write (it keeps worksheets only).
// The .xlsx is opened with JSZip (the zip library exceljs itself uses), edited and saved again.
import JSZip from "jszip";

/**
 * The workbook with a chart sheet named `name` added after its sheets, as Excel saves one (a sheet
 * of the workbook with no cells: `xl/chartsheets/sheet1.xml`; its chart itself is left out).
 */
export async function withChartSheet(xlsx: Uint8Array, name: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  const edit = async (part: string, change: (xml: string) => string) => zip.file(part, change(await zip.file(part)!.async("string")));
  const escaped = name.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
  const entry = `<sheet name="${escaped}" sheetId="99" r:id="rIdChart1"/>`;
  // (A workbook without sheets has no <sheets> element: it goes before <calcPr>.)
  await edit("xl/workbook.xml", (xml) => (xml.includes("</sheets>") ? xml.replace("</sheets>", `${entry}</sheets>`) : xml.replace("<calcPr", `<sheets>${entry}</sheets><calcPr`)));
  await edit("xl/_rels/workbook.xml.rels", (xml) =>
    xml.replace("</Relationships>", '<Relationship Id="rIdChart1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>'),
  );
  await edit("[Content_Types].xml", (xml) =>
    xml.replace("</Types>", '<Override PartName="/xl/chartsheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml"/></Types>'),
  );
  zip.file(
    "xl/chartsheets/sheet1.xml",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetPr/><sheetViews><sheetView workbookViewId="0"/></sheetViews><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></chartsheet>',
  );
  return await zip.generateAsync({ type: "nodebuffer" });
}

// A minimal Excel workbook (Office Open XML, ECMA-376) of one sheet, written in the browser:
// numbers are numeric cells, everything else is an inline text cell (never a formula, so text
// starting with "=" stays text and a claim number such as 0001234567 keeps its zeros). The
// distributor's name goes in the document properties, as the build's activities.xlsx does.

import { zip } from "./zip.js";

// XML 1.0 allows tab, line feed and carriage return but no other control characters.
// eslint-disable-next-line no-control-regex
const BAD_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text escaped for XML content and attributes. */
export const xmlText = (s) =>
  String(s).replace(BAD_XML, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The column letters of a 0-based index: 0 -> A, 25 -> Z, 26 -> AA. */
export function columnName(i) {
  let s = "";
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** One cell: a finite number as a number, null/undefined/"" as nothing, the rest as text. */
export function cellXml(v, ref, header) {
  if (v === null || v === undefined || v === "") return "";
  if (typeof v === "number" && Number.isFinite(v)) return '<c r="' + ref + '"' + (header ? ' s="1"' : "") + "><v>" + v + "</v></c>";
  return '<c r="' + ref + '" t="inlineStr"' + (header ? ' s="1"' : "") + '><is><t xml:space="preserve">' + xmlText(v) + "</t></is></c>";
}

/** The sheet's XML: the first row a bold header, frozen. */
export function sheetXml(rows) {
  const body = rows
    .map((r, y) => '<row r="' + (y + 1) + '">' + r.map((v, x) => cellXml(v, columnName(x) + (y + 1), y === 0)).join("") + "</row>")
    .join("");
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    "<sheetData>" +
    body +
    "</sheetData></worksheet>"
  );
}

const CT = "http://schemas.openxmlformats.org/package/2006/content-types",
  REL = "http://schemas.openxmlformats.org/package/2006/relationships",
  DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/**
 * A workbook of one sheet as bytes: rows (the first the header), the sheet's name, the
 * document's title and creator (the distributor's name, or "coop-portal"), dated `day`.
 */
export function xlsx(rows, { sheet = "Sheet1", title = "", creator = "", day }) {
  const by = xmlText(creator || "coop-portal"),
    stamp = day + "T00:00:00Z";
  const files = [
    [
      "[Content_Types].xml",
      HEAD +
        '<Types xmlns="' +
        CT +
        '"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
        '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
        "</Types>",
    ],
    [
      "_rels/.rels",
      HEAD +
        '<Relationships xmlns="' +
        REL +
        '"><Relationship Id="rId1" Type="' +
        DOC +
        '/officeDocument" Target="xl/workbook.xml"/>' +
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
        '<Relationship Id="rId3" Type="' +
        DOC +
        '/extended-properties" Target="docProps/app.xml"/></Relationships>',
    ],
    [
      "docProps/core.xml",
      HEAD +
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        "<dc:title>" +
        xmlText(title) +
        "</dc:title><dc:creator>" +
        by +
        '</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">' +
        stamp +
        '</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">' +
        stamp +
        "</dcterms:modified></cp:coreProperties>",
    ],
    [
      "docProps/app.xml",
      HEAD +
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">' +
        "<Application>" +
        by +
        "</Application>" +
        (creator ? "<Company>" + by + "</Company>" : "") +
        "</Properties>",
    ],
    [
      "xl/workbook.xml",
      HEAD +
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="' +
        DOC +
        '"><sheets><sheet name="' +
        xmlText(sheet.slice(0, 31)) +
        '" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ],
    [
      "xl/_rels/workbook.xml.rels",
      HEAD +
        '<Relationships xmlns="' +
        REL +
        '"><Relationship Id="rId1" Type="' +
        DOC +
        '/worksheet" Target="worksheets/sheet1.xml"/>' +
        '<Relationship Id="rId2" Type="' +
        DOC +
        '/styles" Target="styles.xml"/></Relationships>',
    ],
    [
      "xl/styles.xml",
      HEAD +
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
        "</styleSheet>",
    ],
    ["xl/worksheets/sheet1.xml", sheetXml(rows)],
  ];
  return zip(
    files.map(([name, text]) => ({ name, text })),
    day,
  );
}

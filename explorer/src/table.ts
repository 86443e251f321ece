// A sortable table: column headers are buttons (keyboard and screen readers
// hear the sort order through aria-sort), and the rows on screen export as CSV.

import { h, replace, type Child } from "./dom";
import type { Cell } from "./download";

export interface Column<T> {
  key: string;
  label: string;
  cell: (row: T) => Child;
  sort?: (row: T) => string | number | null;
  csv: (row: T) => Cell;
  numeric?: boolean;
  className?: string;
  /** A longer name for the column, shown on hover and read by screen readers. */
  title?: string;
}

type Direction = "ascending" | "descending";

export class DataTable<T> {
  readonly element: HTMLElement;
  private readonly body = h("tbody");
  private readonly headRow = h("tr");
  private rows: T[] = [];
  private sortKey: string | null;
  private direction: Direction;

  constructor(
    private readonly columns: Column<T>[],
    caption: string,
    initialSort: [string, Direction] | null = null,
  ) {
    this.sortKey = initialSort?.[0] ?? null;
    this.direction = initialSort?.[1] ?? "ascending";
    this.element = h(
      "div",
      { class: "table-wrap" },
      h("table", { class: "data-table" }, h("caption", { class: "visually-hidden" }, caption), h("thead", {}, this.headRow), this.body),
    );
    this.renderHead();
  }

  setRows(rows: T[], emptyRow?: Child): void {
    this.rows = rows;
    this.renderBody(emptyRow);
  }

  /** The rows in the order shown. */
  shown(): T[] {
    const column = this.columns.find((c) => c.key === this.sortKey);
    if (!column?.sort) return [...this.rows];
    const key = column.sort;
    const sign = this.direction === "ascending" ? 1 : -1;
    return [...this.rows].sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      const missing = x === null || x === "" || y === null || y === "";
      return (missing ? 1 : sign) * compare(x, y);
    });
  }

  csv(): [string[], Cell[][]] {
    return [this.columns.map((c) => c.key), this.shown().map((row) => this.columns.map((c) => c.csv(row)))];
  }

  private renderHead(): void {
    replace(
      this.headRow,
      ...this.columns.map((column) => {
        const th = h("th", { scope: "col", class: `${column.numeric ? "num " : ""}${column.className ?? ""}`, title: column.title });
        if (!column.sort) {
          th.textContent = column.label;
          return th;
        }
        const active = this.sortKey === column.key;
        if (active) th.setAttribute("aria-sort", this.direction);
        th.appendChild(
          h(
            "button",
            { type: "button", class: "sort-btn", aria: { label: `Sort by ${column.title ?? column.label}` }, on: { click: () => this.sortBy(column.key) } },
            column.label,
            h("span", { class: "sort-mark", aria: { hidden: "true" } }, active ? (this.direction === "ascending" ? "▲" : "▼") : "↕"),
          ),
        );
        return th;
      }),
    );
  }

  private sortBy(key: string): void {
    if (this.sortKey === key) this.direction = this.direction === "ascending" ? "descending" : "ascending";
    else {
      this.sortKey = key;
      this.direction = this.columns.find((c) => c.key === key)?.numeric ? "descending" : "ascending";
    }
    this.renderHead();
    this.renderBody();
    (this.headRow.querySelector(`th[aria-sort] button`) as HTMLElement | null)?.focus();
  }

  private renderBody(emptyRow?: Child): void {
    const rows = this.shown();
    if (!rows.length) {
      replace(this.body, h("tr", {}, h("td", { colspan: String(this.columns.length), class: "empty-cell" }, emptyRow ?? "Nothing to show.")));
      return;
    }
    replace(
      this.body,
      ...rows.map((row) => h("tr", {}, ...this.columns.map((c) => h("td", { class: `${c.numeric ? "num " : ""}${c.className ?? ""}` }, c.cell(row))))),
    );
  }
}

function compare(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null || a === "") return 1;
  if (b === null || b === "") return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: "base" });
}

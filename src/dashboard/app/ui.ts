/** Shared pieces of the views: htm bound to Preact, numbers with their raw value, a sortable table. */
import { h, type ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import htm from 'htm';
import { download, toCsv } from './csv';
import { raw } from './format';

export const html = htm.bind(h);

/** A formatted number with the raw value on hover. */
export function Num(props: { value: number | null | undefined; text: string; testid?: string }) {
  return html`<span class="num" title=${raw(props.value)} data-testid=${props.testid}
    >${props.text}</span
  >`;
}

export function Card(props: {
  title: string;
  children: ComponentChildren;
  wide?: boolean;
  actions?: ComponentChildren;
}) {
  return html`<section class=${`card${props.wide ? ' wide' : ''}`} aria-label=${props.title}>
    <header class="card-head">
      <h2>${props.title}</h2>
      ${props.actions}
    </header>
    ${props.children}
  </section>`;
}

export interface Column<Row> {
  key: string;
  label: string;
  /** The value sorted on and exported. */
  value: (row: Row) => string | number | null;
  /** What the cell shows (default: the value). */
  cell?: (row: Row) => ComponentChildren;
  numeric?: boolean;
  sortable?: boolean;
}

export interface SortState {
  key: string;
  descending: boolean;
}

/** Rows sorted by a column (nulls last, stable), as the table shows them. */
export function sortRows<Row>(rows: Row[], columns: Column<Row>[], sort: SortState | null): Row[] {
  const column = sort && columns.find((c) => c.key === sort.key);
  if (!column) return rows;
  const sign = sort!.descending ? -1 : 1;
  return rows
    .map((row, i) => ({ row, i, v: column.value(row) }))
    .sort((a, b) => {
      if (a.v === null || b.v === null) return a.v === b.v ? a.i - b.i : a.v === null ? 1 : -1;
      const c =
        typeof a.v === 'number' && typeof b.v === 'number'
          ? a.v - b.v
          : String(a.v).localeCompare(String(b.v));
      return c ? sign * c : a.i - b.i;
    })
    .map((x) => x.row);
}

/** A table with sortable headers (buttons, aria-sort), paging and CSV export of its rows. */
export function Table<Row>(props: {
  caption: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  csvName: string;
  pageSize?: number;
  sort?: SortState | null;
  onSort?: (sort: SortState) => void;
  testid?: string;
}) {
  const [page, setPage] = useState(0);
  const size = props.pageSize ?? props.rows.length;
  const pages = Math.max(1, Math.ceil(props.rows.length / Math.max(1, size)));
  const current = Math.min(page, pages - 1);
  const shown = props.rows.slice(current * size, current * size + size);
  const exportCsv = () =>
    download(
      props.csvName,
      toCsv(
        props.columns.map((c) => c.label),
        props.rows.map((r) => props.columns.map((c) => c.value(r))),
      ),
    );
  const header = (c: Column<Row>) => {
    const active = props.sort?.key === c.key;
    const ariaSort = active ? (props.sort!.descending ? 'descending' : 'ascending') : undefined;
    const inner =
      c.sortable && props.onSort
        ? html`<button
            type="button"
            class="sort"
            onClick=${() =>
              props.onSort!({
                key: c.key,
                descending: active ? !props.sort!.descending : !!c.numeric,
              })}
          >
            ${c.label}<span class="arrow" aria-hidden="true"
              >${active ? (props.sort!.descending ? '▼' : '▲') : '↕'}</span
            >
          </button>`
        : c.label;
    return html`<th scope="col" class=${c.numeric ? 'n' : ''} aria-sort=${ariaSort}>${inner}</th>`;
  };
  return html`<div class="table-block">
    <div class="table-wrap">
      <table data-testid=${props.testid}>
        <caption class="sr-only">
          ${props.caption}
        </caption>
        <thead>
          <tr>
            ${props.columns.map(header)}
          </tr>
        </thead>
        <tbody>
          ${shown.map(
            (r) =>
              html`<tr key=${props.rowKey(r)} data-key=${props.rowKey(r)}>
                ${props.columns.map(
                  (c) =>
                    html`<td class=${c.numeric ? 'n' : ''} data-col=${c.key}>
                      ${c.cell ? c.cell(r) : c.value(r)}
                    </td>`,
                )}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <div class="table-foot">
      <button type="button" class="ghost" onClick=${exportCsv}>Export CSV</button>
      ${
        pages > 1 &&
        html`<nav class="pager" aria-label=${`${props.caption} pages`}>
          <button
            type="button"
            class="ghost"
            disabled=${current === 0}
            onClick=${() => setPage(current - 1)}
          >
            Previous
          </button>
          <span aria-live="polite"
            >Page ${current + 1} of ${pages} · ${props.rows.length} rows</span
          >
          <button
            type="button"
            class="ghost"
            disabled=${current >= pages - 1}
            onClick=${() => setPage(current + 1)}
          >
            Next
          </button>
        </nav>`
      }
    </div>
  </div>`;
}

/** A horizontal bar in [0, 1] with its text beside it (the text carries the meaning, not the colour). */
export function Bar(props: {
  value: number | null;
  target?: number;
  text: string;
  title?: string;
}) {
  const width = `${Math.round(Math.max(0, Math.min(1, props.value ?? 0)) * 100)}%`;
  return html`<span class="bar-cell" title=${props.title ?? raw(props.value)}>
    <span class="bar" aria-hidden="true">
      <span class="fill" style=${{ width }}></span>
      ${
        props.target !== undefined &&
        html`<span class="target" style=${{ left: `${Math.round(props.target * 100)}%` }}></span>`
      }
    </span>
    <span class="bar-text">${props.text}</span>
  </span>`;
}

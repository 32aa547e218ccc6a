/** A column of DataTable: its key (also the sort key), heading and cell text. */
export interface Column<R> {
  key: string;
  label: string;
  numeric?: boolean;
  sortable?: boolean;
  text: (row: R) => string;
}

//! The export tables as an Excel workbook (.xlsx) with one sheet per table, numbers stored as numbers.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::tables::{Cell, Table};

/// A workbook with `sheets` in order, as the bytes of an .xlsx file.
///
/// # Errors
/// [`XlsxError`] when a sheet name is refused or the file cannot be assembled.
pub fn workbook(sheets: &[(&str, &Table)]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    for (name, table) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name)?;
        for (c, h) in table.header.iter().enumerate() {
            sheet.write_string_with_format(0, col(c)?, *h, &bold)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let r = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
            for (c, cell) in row.iter().enumerate() {
                match cell {
                    Cell::Text(s) => {
                        sheet.write_string(r, col(c)?, s)?;
                    }
                    Cell::Number(v) => {
                        sheet.write_number(r, col(c)?, *v)?;
                    }
                    Cell::Empty => {}
                }
            }
        }
        sheet.set_freeze_panes(1, 0)?;
    }
    book.save_to_buffer()
}

fn col(c: usize) -> Result<u16, XlsxError> {
    u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)
}

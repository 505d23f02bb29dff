"""Messages of the outlet and staff importer (CSV and .xlsx)."""

MESSAGES: dict[str, tuple[str, str]] = {
    "import.no_file": ("找不到文件 {path}", "File not found: {path}"),
    "import.is_folder": ("{path} 是文件夹,不是表格文件", "{path} is a folder, not a table file"),
    "import.unreadable": ("无法读取文件 {path}", "Cannot read file {path}"),
    "import.is_database": ("{path} 是一个数据库,不是可导入的清单(CSV 或 .xlsx)", "{path} is a database, not a list to import (CSV or .xlsx)"),
    "import.empty": ("{path} 是空文件,没有可导入的内容", "{path} is empty: nothing to import"),
    "import.no_rows": ("{path} 只有表头,没有数据行", "{path} has a header but no data rows"),
    "import.binary": ("{path} 不是表格文件,请另存为 CSV 或 .xlsx 后再导入",
                      "{path} is not a table; save it as CSV or .xlsx and import again"),
    "import.old_xls": ("{path} 是旧版 .xls 文件,请在 Excel 中另存为 .xlsx 或 CSV 后再导入",
                       "{path} is an old .xls file; save it as .xlsx or CSV in Excel first"),
    "import.bad_xlsx": ("{path} 不是完整的 .xlsx 文件(可能已损坏或未保存完),未导入任何数据",
                        "{path} is not a complete .xlsx file (damaged or cut short); "
                        "nothing was imported"),
    "import.bad_csv": ("{path} 第 {row} 行无法按 CSV 读取:{error}",
                       "{path} row {row} cannot be read as CSV: {error}"),
    "import.extra_cells": ("第 {row} 行第 {col} 列有内容,但这一列没有表头",
                           "row {row}, column {col} has a value but the column has no header"),
    "import.missing_columns": ("缺少必需的列:{columns}", "Missing required column(s): {columns}"),
    "import.unknown_columns": ("无法识别的列:{columns}(可用的列如 {known})",
                               "Unknown column(s): {columns} (known columns include {known})"),
    "import.duplicate_columns": ("列名重复:{columns}", "Column(s) appear twice: {columns}"),
    "import.duplicate_in_file": ("与第 {other} 行重复", "duplicates row {other}"),
    "import.no_outlet": ("没有网点“{code}”(按代码或名称找),请先导入网点",
                         "no outlet “{code}” (by code or name); import the outlets first"),
    "import.bad_date": ("“{value}”不是日期(可写 2026-12-08、2026/12/8、2026.12.8、2026年12月8日"
                        "或 20261208)",
                        "“{value}” is not a date (write 2026-12-08, 2026/12/8, 2026.12.8, "
                        "2026年12月8日 or 20261208)"),
    "import.bad_amount": ("“{value}”不是金额(可写 50000、5万、50,000元;单位可写在表头,"
                          "如 到期金额(万元))",
                          "“{value}” is not an amount (write 50000, 5万 or 50,000元; the unit "
                          "may be in the header, e.g. 到期金额(万元))"),
    "import.row_error": ("第 {row} 行,{column}:{message}", "row {row}, {column}: {message}"),
    "import.more_errors": ("……另有 {count} 处错误未列出", "... and {count} more error(s)"),
    "import.failed": ("{rows} 行有错误,未导入任何数据"
                      "(可修正后重新导入,或加 --skip-invalid 跳过错误行)",
                      "{rows} row(s) have errors; nothing was imported (fix them and import "
                      "again, or use --skip-invalid to skip them)"),
    "import.summary": ("导入完成:新增 {added} 条,更新 {updated} 条,无变化 {unchanged} 条,"
                       "跳过 {skipped} 条",
                       "Import done: {added} added, {updated} updated, {unchanged} unchanged, "
                       "{skipped} skipped"),
}

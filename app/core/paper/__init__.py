"""Paper for the archive: vouchers on 凭证纸 with their covers, account books with carry-forward lines, statements
as filed. Drawn with reportlab in the bundled WenQuanYi font (embedded), one module per kind of paper:

- ``page``: papers (凭证纸 241×140 / 241×93 / 210×140, A4 two-up, A5, A4), saved offsets, the millimetre sheet;
- ``vouchers``: 记账凭证 and 凭证封面; ``books``: 总账, 明细账, 多栏式, 日记账; ``statements``: 资产负债表, 收益及收益分配表,
  科目余额表;
- ``preview``: the GUI's print preview of any of them.
"""

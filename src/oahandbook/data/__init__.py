"""The regulation, rules, lexicons, platform facts and checklists as YAML (the files beside this
module), and the code that loads and validates them: :mod:`.models` (their shape),
:mod:`.bundle` (everything loaded and cross-checked), :mod:`.registry` (the check types rules may
name), :mod:`.files` (where the data lives) and :mod:`.validation` (YAML errors with positions)."""

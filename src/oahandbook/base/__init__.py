"""Foundations every other part uses and that use nothing else of the package: errors that carry
``file:line:col`` (:mod:`.errors`), the bilingual message catalogue (:mod:`.i18n`), reading user
files safely (:mod:`.textio`, :mod:`.yamlio`) and the on-disk cache (:mod:`.cache`)."""

"""The checking core, shared by drafts and account files: :mod:`.check` runs a document's rules
and turns hits into findings (:mod:`.findings`), applies waivers (:mod:`.waivers`) and the user's
configuration (:mod:`.config`); :mod:`.runtime` is the cached, pydantic-free view of the data a
run needs; :mod:`.textnorm` and :mod:`.lexicons` match lexicon terms through evasions;
:mod:`.redaction` masks personal data in every message."""

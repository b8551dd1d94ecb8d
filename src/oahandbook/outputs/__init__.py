"""What leaves the checkers: reports in text, JSON, SARIF and GitHub annotations
(:mod:`.report`), JSON Schemas of every edited file (:mod:`.schemas`) and the write/check mode
shared by every generated file (:mod:`.generated`)."""

"""Checking files on disk: :mod:`.discovery` finds them and the configuration, :mod:`.files` decides
what each file is and checks it, :mod:`.batch` checks many (in parallel, with a result cache)."""

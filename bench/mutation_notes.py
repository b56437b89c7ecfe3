"""What docs/mutation.md says about surviving mutants (bench/mutation_report.py).

NOTES: a mutant's name (or a function's name followed by `*` for all of its mutants) → why it
survives: an equivalent mutant no test can tell from the original, or a known gap.
KILLED_BY: mutants that survived an earlier run → the test added to kill them.
"""

NOTES: dict[str, str] = {}

KILLED_BY: dict[str, str] = {}

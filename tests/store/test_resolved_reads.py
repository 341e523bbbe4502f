"""Reading the resolution layer's records alone, or one case by id, gives what reading every case gives."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from spyglass.run.cases import resolved_cases
from spyglass.store import Store, resolved
from spyglass.store.resolved import case_data


def test_records_and_one_case_equal_the_cases_read_whole(devset_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "devset.db"
    shutil.copy(devset_db, copy)
    with Store(copy) as store:
        every = resolved_cases(store)
        assert len(every) >= 8
        assert json.dumps(resolved.records(store), sort_keys=True) == json.dumps([r for _, r in every], sort_keys=True)
        for case, _ in every:
            found = resolved.case(store, case.case_id)
            assert found is not None and case_data(found) == case_data(case)
        assert resolved.case(store, "no-such-case") is None

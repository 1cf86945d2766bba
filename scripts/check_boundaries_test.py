#!/usr/bin/env python3
"""Tests of scripts/check_boundaries.py on small trees written for each rule."""

import contextlib
import io
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_boundaries  # noqa: E402


class CheckBoundariesTest(unittest.TestCase):
    def run_on(self, files, allowed=""):
        """Writes `files` (path -> text) and the allow-list in a new tree; returns (status, output)."""
        with tempfile.TemporaryDirectory() as root:
            files = dict(files)
            files["scripts/boundaries_allowed.txt"] = allowed
            for path, text in files.items():
                os.makedirs(os.path.join(root, os.path.dirname(path)), exist_ok=True)
                with open(os.path.join(root, path), "w", encoding="utf-8") as file:
                    file.write(text)
            output = io.StringIO()
            old_argv = sys.argv
            sys.argv = ["check_boundaries.py", root]
            try:
                with contextlib.redirect_stdout(output):
                    status = check_boundaries.main()
            finally:
                sys.argv = old_argv
            return status, output.getvalue()

    def test_CleanTree_Passes(self):
        status, output = self.run_on({
            "core/db/database.hpp": "#pragma once\n",
            "core/db/database_test.cpp": '#include "core/db/database.hpp"\n#include <gtest/gtest.h>\n',
            "modules/cases/api.hpp": '#include "core/db/database.hpp"\n',
            "modules/learning/store.cpp": '#include "modules/cases/api.hpp"\n',
            "app/app.cpp": '#include "modules/cases/api.hpp"\n',
        })
        self.assertEqual(status, 0, output)

    def test_CoreIncludingApp_FailsNamingFileAndLine(self):
        status, output = self.run_on({
            "app/app.hpp": "#pragma once\n",
            "core/ops/admin.cpp": '// admin\n#include "app/app.hpp"\n',
        })
        self.assertEqual(status, 1)
        self.assertIn("core/ops/admin.cpp:2: core-includes-app", output)

    def test_ModuleIncludingAnotherModulesInternals_Fails(self):
        status, output = self.run_on({
            "modules/cases/api.hpp": "#pragma once\n",
            "modules/cases/store.hpp": "#pragma once\n",
            "modules/learning/store.cpp": '#include "modules/cases/api.hpp"\n#include "modules/cases/store.hpp"\n',
        })
        self.assertEqual(status, 1)
        self.assertIn("modules/learning/store.cpp:2: module-internals", output)
        self.assertNotIn("store.cpp:1:", output)

    def test_RoomsIncludingEachOther_FailNamingEveryInclude(self):
        status, output = self.run_on({
            "core/registry.hpp": '#include "core/privacy/personal_data.hpp"\n',
            "core/privacy/personal_data.hpp": "#pragma once\n",
            "core/privacy/privacy.hpp": '#include "core/registry.hpp"\n',
        })
        self.assertEqual(status, 1)
        self.assertIn("room-cycle: these rooms include each other: core/privacy, core/registry", output)
        self.assertIn("core/registry.hpp:1: core/registry -> core/privacy", output)
        self.assertIn("core/privacy/privacy.hpp:1: core/privacy -> core/registry", output)

    def test_TestsIncludingWhatTheyTest_MakeNoCycle(self):
        status, output = self.run_on({
            "core/testing/engine.hpp": '#include "core/jobs/jobs.hpp"\n',
            "core/jobs/jobs.hpp": "#pragma once\n",
            "core/jobs/jobs_dbtest.cpp": '#include "core/jobs/jobs.hpp"\n#include "core/testing/engine.hpp"\n',
        })
        self.assertEqual(status, 0, output)

    def test_ConfigIncludingARoomsOptions_Fails(self):
        status, output = self.run_on({
            "core/authentication/options.hpp": "#pragma once\n",
            "core/config/config.hpp": '#include "core/authentication/options.hpp"\n',
        })
        self.assertEqual(status, 1)
        self.assertIn("core/config/config.hpp:1: config-knows-no-room", output)

    def test_TestNotIncludingItsHeaderFirst_Fails(self):
        status, output = self.run_on({
            "core/jobs/jobs.hpp": "#pragma once\n",
            "core/jobs/jobs_dbtest.cpp": '#include <gtest/gtest.h>\n\n#include "core/jobs/jobs.hpp"\n',
            "core/jobs/other_test.cpp": "#include <gtest/gtest.h>\n",  # no other.hpp: nothing to prove
        })
        self.assertEqual(status, 1)
        self.assertIn('core/jobs/jobs_dbtest.cpp:1: own-header-first: the first include must be "core/jobs/jobs.hpp"',
                      output)
        self.assertNotIn("other_test", output)

    def test_AllowedViolation_PassesAndAFixedOneMustBeDeleted(self):
        files = {
            "core/jobs/jobs.hpp": "#pragma once\n",
            "core/jobs/jobs_test.cpp": "#include <gtest/gtest.h>\n",
        }
        status, output = self.run_on(files, "# reason\nown-header-first core/jobs/jobs_test.cpp\n")
        self.assertEqual(status, 0, output)
        files["core/jobs/jobs_test.cpp"] = '#include "core/jobs/jobs.hpp"\n'
        status, output = self.run_on(files, "# reason\nown-header-first core/jobs/jobs_test.cpp\n")
        self.assertEqual(status, 1)
        self.assertIn("boundaries_allowed.txt:2: 'own-header-first core/jobs/jobs_test.cpp' no longer happens", output)


if __name__ == "__main__":
    unittest.main()

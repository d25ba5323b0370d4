-- Whether a failed drop failed on its own (a root cause: its app raised, timed out, ...) or
-- because of its inputs. Null for failures recorded before this was known.
ALTER TABLE dlg_failure ADD COLUMN on_its_own BOOLEAN;

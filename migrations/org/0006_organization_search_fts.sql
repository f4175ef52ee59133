-- Full-text index of live organizations' names and slugs for the list's search: every word of a
-- query must be a prefix of a word of the name or slug. unicode61 splits on anything that is not a
-- letter, digit or mark and folds case and accents across Unicode; the 1-, 2- and 3-character
-- prefix indexes answer short prefixes from one doclist each. Its rowid is the organization's
-- rowid, so a search streams its matches in insertion order and joins back by rowid. Triggers keep
-- it in the same transaction as every write to organization (create, rename, soft delete, restore,
-- purge), so no code path can forget it.
CREATE VIRTUAL TABLE `organization_search` USING fts5(name, slug, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');
--> statement-breakpoint
INSERT INTO `organization_search` (rowid, name, slug) SELECT rowid, name, slug FROM `organization` WHERE deleted_at IS NULL;
--> statement-breakpoint
CREATE TRIGGER `organization_search_insert` AFTER INSERT ON `organization` WHEN new.deleted_at IS NULL BEGIN
  INSERT INTO `organization_search` (rowid, name, slug) VALUES (new.rowid, new.name, new.slug);
END;
--> statement-breakpoint
CREATE TRIGGER `organization_search_update` AFTER UPDATE OF name, slug, deleted_at ON `organization`
WHEN old.name IS NOT new.name OR old.slug IS NOT new.slug OR (old.deleted_at IS NULL) <> (new.deleted_at IS NULL) BEGIN
  DELETE FROM `organization_search` WHERE rowid = old.rowid;
  INSERT INTO `organization_search` (rowid, name, slug) SELECT new.rowid, new.name, new.slug WHERE new.deleted_at IS NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `organization_search_delete` AFTER DELETE ON `organization` BEGIN
  DELETE FROM `organization_search` WHERE rowid = old.rowid;
END;

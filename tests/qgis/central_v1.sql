-- The central schema as version 1 of the plugin created it at a first sync (schema_sql of a1f0693),
-- for the test that central-setup takes it over and migrates it with its data.

CREATE SCHEMA IF NOT EXISTS "remix";

CREATE TABLE "remix".segnalazioni_meta (chiave text PRIMARY KEY, valore text NOT NULL);

CREATE SEQUENCE "remix".segnalazioni_rev;

CREATE TABLE "remix".segnalazioni_valori (lista text, valore text, etichetta text NOT NULL, PRIMARY KEY (lista, valore));

CREATE TABLE "remix".segnalazioni_conflitti (id text PRIMARY KEY, uuid uuid NOT NULL, tabella text, tipo text, descrizione text, versione_persa jsonb, rev_vincente bigint, dispositivo text, creato_il timestamptz NOT NULL DEFAULT now());

CREATE FUNCTION "remix".segnalazioni_revisione() RETURNS trigger LANGUAGE plpgsql AS $$
                  BEGIN
                    PERFORM pg_advisory_xact_lock(7291504213);
                    NEW.rev := nextval('remix.segnalazioni_rev');
                    IF TG_OP = 'INSERT' THEN
                      NEW.modifica_id := coalesce(NEW.modifica_id, gen_random_uuid()::text);
                      NEW.creata_il := coalesce(NEW.creata_il, now());
                      NEW.aggiornata_il := coalesce(NEW.aggiornata_il, now());
                    ELSIF NEW.modifica_id IS NOT DISTINCT FROM OLD.modifica_id THEN
                      NEW.modifica_id := gen_random_uuid()::text;  -- edited here, not by a sync
                      NEW.aggiornata_il := now();
                    END IF;
                    RETURN NEW;
                  END $$;

CREATE FUNCTION "remix".segnalazioni_cestino() RETURNS trigger LANGUAGE plpgsql AS $$
                  BEGIN
                    EXECUTE format('UPDATE %I.%I SET eliminata = true, eliminata_il = now() WHERE uuid = $1',
                                   TG_TABLE_SCHEMA, TG_TABLE_NAME) USING OLD.uuid;
                    RETURN NULL;
                  END $$;

CREATE TABLE "remix"."segnalazioni_aree" (uuid uuid PRIMARY KEY, "titolo" text,
"tipo" text,
"natura" text,
"descrizione" text,
"stato" text,
"ambito_criticita" text[],
"ambito_opportunita" text[],
"ambito_intervento" text[],
"scala_criticita" text,
"scala_impatto" text,
"attori" text[],
"attori_nomi" text,
"intervento_oggetto" text[],
"tipo_servizio" text,
"popolazione_riferimento" text,
"obiettivo" text,
"localizzazione" text,
"ambito_azione" text,
"fasi" text,
"sttm" text[],
"fonte_finanziamento" text,
"importo_finanziamento" double precision,
"comune_istat" text,
"comune" text,
"zona_omogenea" text,
"autore" text,
"dispositivo" text,
"creata_il" timestamptz,
"aggiornata_il" timestamptz, rev bigint NOT NULL DEFAULT 0,
            modifica_id text, eliminata boolean NOT NULL DEFAULT false, eliminata_il timestamptz,
            geom geometry(MultiPolygon, 32632));

CREATE INDEX "segnalazioni_aree_rev" ON "remix"."segnalazioni_aree" (rev);

CREATE INDEX "segnalazioni_aree_geom" ON "remix"."segnalazioni_aree" USING gist (geom);

CREATE TRIGGER revisione BEFORE INSERT OR UPDATE ON "remix"."segnalazioni_aree" FOR EACH ROW EXECUTE FUNCTION "remix".segnalazioni_revisione();

CREATE TRIGGER cestino BEFORE DELETE ON "remix"."segnalazioni_aree" FOR EACH ROW EXECUTE FUNCTION "remix".segnalazioni_cestino();

CREATE TABLE "remix"."segnalazioni_punti" (uuid uuid PRIMARY KEY, "titolo" text,
"tipo" text,
"natura" text,
"descrizione" text,
"stato" text,
"ambito_criticita" text[],
"ambito_opportunita" text[],
"ambito_intervento" text[],
"scala_criticita" text,
"scala_impatto" text,
"attori" text[],
"attori_nomi" text,
"intervento_oggetto" text[],
"tipo_servizio" text,
"popolazione_riferimento" text,
"obiettivo" text,
"localizzazione" text,
"ambito_azione" text,
"fasi" text,
"sttm" text[],
"fonte_finanziamento" text,
"importo_finanziamento" double precision,
"comune_istat" text,
"comune" text,
"zona_omogenea" text,
"autore" text,
"dispositivo" text,
"creata_il" timestamptz,
"aggiornata_il" timestamptz, rev bigint NOT NULL DEFAULT 0,
            modifica_id text, eliminata boolean NOT NULL DEFAULT false, eliminata_il timestamptz,
            geom geometry(Point, 32632));

CREATE INDEX "segnalazioni_punti_rev" ON "remix"."segnalazioni_punti" (rev);

CREATE INDEX "segnalazioni_punti_geom" ON "remix"."segnalazioni_punti" USING gist (geom);

CREATE TRIGGER revisione BEFORE INSERT OR UPDATE ON "remix"."segnalazioni_punti" FOR EACH ROW EXECUTE FUNCTION "remix".segnalazioni_revisione();

CREATE TRIGGER cestino BEFORE DELETE ON "remix"."segnalazioni_punti" FOR EACH ROW EXECUTE FUNCTION "remix".segnalazioni_cestino();

INSERT INTO "remix".segnalazioni_meta VALUES ('versione_schema', '1'), ('id_archivio', '7f2c1a52-3d0e-4a8e-9d61-0c5b7f7e2a11');

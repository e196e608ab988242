// Importing a meeting's registrations from a form export.
import { api } from "../api";
import type { RegistrationPreview } from "../bindings/RegistrationPreview";
import { plural } from "../format";
import type { Params } from "../router";
import { formImport } from "./formimport";

export async function registrationImport(main: HTMLElement, params: Params): Promise<void> {
  const id = Number(params.id);
  await formImport<RegistrationPreview>(main, id, {
    title: "Import registrations",
    intro: "Choose the answers of your registration form: a CSV from Google Forms or an XLSX from Microsoft Forms. Nothing is saved until you press Import, and then either every row is imported or none is.",
    hint: "People who register twice count once; their later answer is kept.",
    backHref: `#/meetings/${id}/attendance`,
    backText: "Back to check-in",
    fields: ["ignore", "name", "email", "pronouns", "network", "department", "meeting_date", "timestamp"],
    preview: (path, mapping) => api.previewRegistrations(path, id, mapping),
    summary: (p) => [
      `${p.answers} answers in ${p.file}; ${p.people} people for this meeting.`,
      p.repeats ? `${p.repeats} answers repeat an earlier one from the same person (the later one counts).` : null,
      p.otherMeetings ? `${p.otherMeetings} answers are for another meeting date and are left out.` : null,
      p.alreadyRegistered ? `${p.alreadyRegistered} people are already registered; their network is brought up to date.` : null,
    ],
    run: async (path, mapping, resolutions) => {
      const r = await api.importRegistrations(path, id, mapping, resolutions);
      const created = r.networksCreated ? `, ${plural(r.networksCreated, "network")} added to the register` : "";
      return `Imported ${plural(r.registered, "registration")} (${r.refreshed} already registered)${created}.`;
    },
    after: `/meetings/${id}/attendance`,
  });
}

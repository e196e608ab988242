import { api } from "../api";
import { h } from "../dom";
import { navigate } from "../router";
import { errorsFrom, flash, heading, pageTitle, render, showErrors } from "../ui";
import { setMode } from "./settings";

/** First run with an empty database: three ways to begin. */
export function welcome(main: HTMLElement): void {
  pageTitle("Welcome");
  const loadDemo = async (ev: Event) => {
    const button = ev.currentTarget as HTMLButtonElement;
    button.disabled = true;
    try {
      await api.loadDemo();
      flash("The sample forum is loaded. Everything in it is invented: try things out freely.");
      navigate("/meetings");
    } catch (e) {
      button.disabled = false;
      showErrors(main, errorsFrom(e));
    }
  };
  render(
    main,
    h(
      "div",
      { class: "govuk-grid-row" },
      h(
        "div",
        { class: "govuk-grid-column-two-thirds" },
        ...heading("Welcome to Forum Desk"),
        h("p", { class: "govuk-body-l" }, "Plan the Leaders of Networks Forum, record what happens, and publish the readout."),
        h("p", { class: "govuk-body" }, "Your records stay on this computer. Nothing is sent anywhere unless you export it."),
        h("h2", { class: "govuk-heading-m" }, "Do you lead a network?"),
        h(
          "p",
          { class: "govuk-body" },
          "If you lead a departmental or agency network and want to send your top three needs and strengths to the forum chair, ",
          h("button", { type: "button", class: "fd-link-button govuk-link", id: "i-lead", onclick: () => setMode("lead", main) }, "use Forum Desk as a network lead"),
          ". It shows just that one task.",
        ),
        h("h2", { class: "govuk-heading-m" }, "I chair the forum: how do you want to start?"),
        h(
          "ul",
          { class: "fd-choice-list" },
          h(
            "li",
            {},
            h("button", { class: "govuk-button govuk-!-margin-bottom-2", type: "button", id: "load-demo", onclick: loadDemo }, "Load the sample forum"),
            h("p", { class: "govuk-body govuk-!-margin-bottom-0" }, "An invented forum with a dozen networks, a past meeting with its notes and an upcoming one with its agenda, to explore before using the app for real."),
          ),
          h(
            "li",
            {},
            h("a", { href: "#/networks/import", class: "govuk-link govuk-!-font-weight-bold", id: "start-import" }, "Import the networks directory"),
            h("p", { class: "govuk-body govuk-!-margin-bottom-0" }, "Use the website's networks.yml to fill in every departmental and agency network at once."),
          ),
          h(
            "li",
            {},
            h("a", { href: "#/networks", class: "govuk-link govuk-!-font-weight-bold", id: "start-empty" }, "Start with an empty register"),
            h("p", { class: "govuk-body govuk-!-margin-bottom-0" }, "Add networks one by one."),
          ),
        ),
      ),
    ),
  );
}

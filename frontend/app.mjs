// Start GOV.UK Frontend components. Everything works without this script.
import { initAll } from "./govuk-frontend.min.js";

initAll();

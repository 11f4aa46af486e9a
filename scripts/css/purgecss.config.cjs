// Which rules of the compiled stylesheet the portal keeps: those whose
// selectors name a class, id or element found in the portal's templates,
// Python (form widgets, template tags) or scripts. scripts/build_css.sh runs it.
const path = require("path");
const root = path.resolve(__dirname, "../..");

module.exports = {
  content: [
    `${root}/templates/**/*.html`,
    `${root}/*/templates/**/*.html`,
    `${root}/{accounts,directory,moderation,outbox,ifn,api,network,enquiries,projects,stats}/**/*.py`,
    `${root}/static/js/*.js`,
    process.env.ALLAUTH_TEMPLATES ? `${process.env.ALLAUTH_TEMPLATES}/**/*.html` : "",
  ].filter(Boolean),
  skippedContentGlobs: ["**/tests/**", "**/migrations/**", "**/node_modules/**"],
  safelist: {
    standard: ["html", "body", ":root", "show", "active", "disabled", "is-invalid", "visually-hidden"],
    // Classes composed in templates (alert-{{ tag }}, ifn-role-{{ code }}) and
    // those that htmx and Leaflet add at run time.
    greedy: [/^ifn-/, /^alert-/, /^text-bg-/, /^htmx-/, /^leaflet-/],
  },
  fontFace: true,
  keyframes: true,
};

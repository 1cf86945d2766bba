// The screens of the shell itself in the states the accessibility check (e2e/a11y.test.mjs)
// visits; each module declares its own in modules/<word>/screens.examples.mjs, in the same form:
//   name   short, for the screenshot's file name
//   route  the route path it shows (the module's unit test checks that each screen has one)
//   go     (page, { demo, strict, signIn, enrolByApi, once }) => reach it in a fresh page, against
//          the demo server or the one outside demo mode (strict); once(key, fn) runs fn once per run
//   ready  a selector that shows it is there
export const screens = [
  { name: 'not-found', route: '*', go: (page, { demo }) => page.goto(`${demo.url}/no/such/page`), ready: 'main h1' },
];

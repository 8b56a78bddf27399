import { en } from '../i18n/en';

/** Creating a partitioned key prints secrets, so it stays on the main side (the CLI) by design. */
export function CreateShares() {
  return (
    <section aria-labelledby="create-shares-title" data-screen="createShares">
      <h1 id="create-shares-title">{en.createShares.title}</h1>
      <p className="lead">{en.createShares.body}</p>
    </section>
  );
}

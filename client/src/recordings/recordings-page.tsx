export function RecordingsPage() {
  return <div />;
}

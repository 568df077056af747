export function SharedRecordingPage({ token }: { token: string }) {
  return <div data-token={token} />;
}

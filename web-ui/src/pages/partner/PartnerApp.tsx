export default function PartnerApp() {
  return <section className="page" />;
}

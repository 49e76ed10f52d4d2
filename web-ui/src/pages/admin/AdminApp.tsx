export default function AdminApp() {
  return <section className="page" />;
}

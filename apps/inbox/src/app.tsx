export function App() {
  return <main>Fio</main>;
}

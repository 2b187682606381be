<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>AppStatusBar</name>
    <message>
        <source>Online</source>
        <translation>En línea</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Iniciando sesión…</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>Sesión cerrada</translation>
    </message>
    <message>
        <source>The last request to the Hydrobit server succeeded.</source>
        <translation>La última solicitud al servidor de Hydrobit tuvo éxito.</translation>
    </message>
    <message>
        <source>The Hydrobit server could not be reached. Press F5 to retry.</source>
        <translation>No se pudo contactar con el servidor de Hydrobit. Pulse F5 para reintentar.</translation>
    </message>
    <message>
        <source>Connecting to the Hydrobit server…</source>
        <translation>Conectando con el servidor de Hydrobit…</translation>
    </message>
    <message>
        <source>Not signed in to a Hydrobit account.</source>
        <translation>No ha iniciado sesión en una cuenta de Hydrobit.</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Sin iniciar sesión</translation>
    </message>
    <message>
        <source>Signed in as {name}</source>
        <translation>Sesión iniciada como {name}</translation>
    </message>
    <message>
        <source>Updated {time}</source>
        <translation>Actualizado {time}</translation>
    </message>
</context>
<context>
    <name>DataTable</name>
    <message>
        <source>Filter (Ctrl+F)</source>
        <translation>Filtrar (Ctrl+F)</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <source>Save the rows shown, in the order shown, as a CSV or Excel file</source>
        <translation>Guardar las filas mostradas, en el orden mostrado, como archivo CSV o de Excel</translation>
    </message>
    <message>
        <source>1 row</source>
        <translation>1 fila</translation>
    </message>
    <message>
        <source>{total} rows</source>
        <translation>{total} filas</translation>
    </message>
    <message>
        <source>{shown} of {total} rows</source>
        <translation>{shown} de {total} filas</translation>
    </message>
    <message>
        <source>Export table</source>
        <translation>Exportar tabla</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Libros de Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <source>Your session has expired. Sign in again.</source>
        <translation>Su sesión ha caducado. Inicie sesión de nuevo.</translation>
    </message>
    <message>
        <source>The Hydrobit API key was not accepted. Check the API key in Settings or ask your administrator for a new one.</source>
        <translation>No se aceptó la clave de API de Hydrobit. Revise la clave de API en la configuración o pida una nueva a su administrador.</translation>
    </message>
    <message>
        <source>The live-data access was refused. Reconnect to get a new access token.</source>
        <translation>Se rechazó el acceso a los datos en vivo. Vuelva a conectarse para obtener un nuevo token de acceso.</translation>
    </message>
    <message>
        <source>Your account is not allowed to do this.</source>
        <translation>Su cuenta no tiene permiso para hacer esto.</translation>
    </message>
    <message>
        <source>Your account is not allowed to do this: {detail}</source>
        <translation>Su cuenta no tiene permiso para hacer esto: {detail}</translation>
    </message>
    <message>
        <source>The Hydrobit API key does not give access to this data. Ask your administrator for a key that does.</source>
        <translation>La clave de API de Hydrobit no da acceso a estos datos. Pida a su administrador una clave que lo dé.</translation>
    </message>
    <message>
        <source>The Hydrobit API key does not give access to this data ({detail}). Ask your administrator for a key that does.</source>
        <translation>La clave de API de Hydrobit no da acceso a estos datos ({detail}). Pida a su administrador una clave que lo dé.</translation>
    </message>
    <message>
        <source>This item was not found. It may have been removed. Refresh and try again.</source>
        <translation>No se encontró este elemento. Puede que se haya eliminado. Actualice e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>This item was not found: {detail}</source>
        <translation>No se encontró este elemento: {detail}</translation>
    </message>
    <message>
        <source>This can&apos;t be done right now because something changed in the meantime. Refresh and try again.</source>
        <translation>No se puede hacer ahora porque algo cambió mientras tanto. Actualice e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>This can&apos;t be done right now: {detail}</source>
        <translation>No se puede hacer ahora: {detail}</translation>
    </message>
    <message>
        <source>The server did not accept the data sent. Check the entries and try again.</source>
        <translation>El servidor no aceptó los datos enviados. Revise lo introducido e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>The server did not accept this: {detail}</source>
        <translation>El servidor no aceptó esto: {detail}</translation>
    </message>
    <message>
        <source>The Hydrobit server is busy. Wait a minute and try again.</source>
        <translation>El servidor de Hydrobit está ocupado. Espere un minuto e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>The Hydrobit server had a problem (error {status}). Try again in a few minutes.</source>
        <translation>El servidor de Hydrobit tuvo un problema (error {status}). Inténtelo de nuevo en unos minutos.</translation>
    </message>
    <message>
        <source>The Hydrobit server refused the request (error {status}). Try again later.</source>
        <translation>El servidor de Hydrobit rechazó la solicitud (error {status}). Inténtelo más tarde.</translation>
    </message>
    <message>
        <source>The Hydrobit server refused the request (error {status}): {detail}</source>
        <translation>El servidor de Hydrobit rechazó la solicitud (error {status}): {detail}</translation>
    </message>
    <message>
        <source>Can&apos;t reach the Hydrobit server. Check the internet connection and try again.</source>
        <translation>No se puede contactar con el servidor de Hydrobit. Revise la conexión a internet e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>The Hydrobit server took too long to answer. Check the connection and try again.</source>
        <translation>El servidor de Hydrobit tardó demasiado en responder. Revise la conexión e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>The connection to the Hydrobit server is not secure: its certificate could not be verified. Contact your IT support.</source>
        <translation>La conexión con el servidor de Hydrobit no es segura: no se pudo verificar su certificado. Contacte con su soporte informático.</translation>
    </message>
    <message>
        <source>The Hydrobit server sent a reply HydroDesk could not understand. Try again later; if it keeps happening, update HydroDesk.</source>
        <translation>El servidor de Hydrobit envió una respuesta que HydroDesk no entiende. Inténtelo más tarde; si sigue ocurriendo, actualice HydroDesk.</translation>
    </message>
    <message>
        <source>You are not signed in. Sign in to continue.</source>
        <translation>No ha iniciado sesión. Inicie sesión para continuar.</translation>
    </message>
    <message>
        <source>This needs a Hydrobit API key. Add one in Settings.</source>
        <translation>Esto requiere una clave de API de Hydrobit. Añádala en la configuración.</translation>
    </message>
    <message>
        <source>There is no live-data access token yet. Reconnect to get one.</source>
        <translation>Aún no hay un token de acceso a los datos en vivo. Vuelva a conectarse para obtenerlo.</translation>
    </message>
    <message>
        <source>The Hydrobit server is not answering</source>
        <translation>El servidor de Hydrobit no responde</translation>
    </message>
    <message>
        <source>The server at {url} took too long to answer. Check the connection and press F5 to retry.</source>
        <translation>El servidor en {url} tardó demasiado en responder. Revise la conexión y pulse F5 para reintentar.</translation>
    </message>
    <message>
        <source>Cannot reach the Hydrobit server</source>
        <translation>No se puede contactar con el servidor de Hydrobit</translation>
    </message>
    <message>
        <source>Cannot reach the Hydrobit server at {url}. Check the connection and press F5 to retry.</source>
        <translation>No se puede contactar con el servidor de Hydrobit en {url}. Revise la conexión y pulse F5 para reintentar.</translation>
    </message>
    <message>
        <source>Your sign-in has expired</source>
        <translation>Su sesión ha caducado</translation>
    </message>
    <message>
        <source>Use File &gt; Sign in to Hydrobit… with a fresh token.</source>
        <translation>Use Archivo &gt; Iniciar sesión en Hydrobit… con un token nuevo.</translation>
    </message>
    <message>
        <source>The farm could not be loaded</source>
        <translation>No se pudo cargar la finca</translation>
    </message>
    <message>
        <source>Press F5 to retry.</source>
        <translation>Pulse F5 para reintentar.</translation>
    </message>
</context>
<context>
    <name>FarmTreeModel</name>
    <message>
        <source>Farm</source>
        <translation>Finca</translation>
    </message>
    <message>
        <source>Company {id}</source>
        <translation>Empresa {id}</translation>
    </message>
    <message>
        <source>1 sector</source>
        <translation>1 sector</translation>
    </message>
    <message>
        <source>{count} sectors</source>
        <translation>{count} sectores</translation>
    </message>
    <message>
        <source>{name} · {sectors} · {timezone}</source>
        <translation>{name} · {sectors} · {timezone}</translation>
    </message>
    <message>
        <source>{name} ({id})</source>
        <translation>{name} ({id})</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Sign in to Hydrobit…</source>
        <translation>&amp;Iniciar sesión en Hydrobit…</translation>
    </message>
    <message>
        <source>&amp;Export Table as CSV…</source>
        <translation>&amp;Exportar tabla como CSV…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualizar</translation>
    </message>
    <message>
        <source>Reload the farm from the Hydrobit server (F5)</source>
        <translation>Volver a cargar la finca desde el servidor de Hydrobit (F5)</translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation>&amp;Filtrar</translation>
    </message>
    <message>
        <source>&amp;About HydroDesk</source>
        <translation>&amp;Acerca de HydroDesk</translation>
    </message>
    <message>
        <source>Follow the &amp;System</source>
        <translation>Seguir al &amp;sistema</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Claro</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Oscuro</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Tema</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Ir</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Barra de herramientas principal</translation>
    </message>
    <message>
        <source>Loading your farm…</source>
        <translation>Cargando su finca…</translation>
    </message>
    <message>
        <source>Fetching projects and sectors from {server}.</source>
        <translation>Obteniendo proyectos y sectores de {server}.</translation>
    </message>
    <message>
        <source>Loaded 1 project</source>
        <translation>1 proyecto cargado</translation>
    </message>
    <message>
        <source>Loaded {count} projects</source>
        <translation>{count} proyectos cargados</translation>
    </message>
    <message>
        <source>No projects yet</source>
        <translation>Aún no hay proyectos</translation>
    </message>
    <message>
        <source>This Hydrobit account has no projects. Ask your Hydrobit administrator to add you to one, then press F5.</source>
        <translation>Esta cuenta de Hydrobit no tiene proyectos. Pida a su administrador de Hydrobit que le añada a uno y luego pulse F5.</translation>
    </message>
    <message>
        <source>Sign in…</source>
        <translation>Iniciar sesión…</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Sin iniciar sesión</translation>
    </message>
    <message>
        <source>Sign in to your Hydrobit account to see your farm, or start HydroDesk with --demo to explore the demo farm.</source>
        <translation>Inicie sesión en su cuenta de Hydrobit para ver su finca, o arranque HydroDesk con --demo para explorar la finca de demostración.</translation>
    </message>
    <message>
        <source>About HydroDesk</source>
        <translation>Acerca de HydroDesk</translation>
    </message>
    <message>
        <source>The desktop console for farm offices on the Hydrobit platform: production, workers, scouting, irrigation and weather, online or off.</source>
        <translation>La consola de escritorio para las oficinas de campo de la plataforma Hydrobit: producción, trabajadores, monitoreo, riego y clima, con o sin conexión.</translation>
    </message>
</context>
<context>
    <name>Navigator</name>
    <message>
        <source>Navigator</source>
        <translation>Navegador</translation>
    </message>
    <message>
        <source>VIEWS</source>
        <translation>VISTAS</translation>
    </message>
    <message>
        <source>FARM</source>
        <translation>FINCA</translation>
    </message>
</context>
<context>
    <name>OverviewPane</name>
    <message>
        <source>Local time</source>
        <translation>Hora local</translation>
    </message>
    <message>
        <source>Crop</source>
        <translation>Cultivo</translation>
    </message>
    <message>
        <source>Session pay</source>
        <translation>Pago por sesión</translation>
    </message>
    <message>
        <source>Session length</source>
        <translation>Duración de la sesión</translation>
    </message>
    <message>
        <source>No project selected</source>
        <translation>Ningún proyecto seleccionado</translation>
    </message>
    <message>
        <source>Choose a project or sector in the navigator.</source>
        <translation>Elija un proyecto o un sector en el navegador.</translation>
    </message>
    <message>
        <source>Sector of {project} · {area} · {id}</source>
        <translation>Sector de {project} · {area} · {id}</translation>
    </message>
    <message>
        <source>1 sector</source>
        <translation>1 sector</translation>
    </message>
    <message>
        <source>{count} sectors</source>
        <translation>{count} sectores</translation>
    </message>
    <message>
        <source>Project · {sectors} · {area} · {id}</source>
        <translation>Proyecto · {sectors} · {area} · {id}</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Sin registrar</translation>
    </message>
    <message>
        <source>Variety: {variety}</source>
        <translation>Variedad: {variety}</translation>
    </message>
    <message>
        <source>{price} per {unit}</source>
        <translation>{price} por {unit}</translation>
    </message>
    <message>
        <source>{hours} h</source>
        <translation>{hours} h</translation>
    </message>
    <message>
        <source>Longest a production session stays open</source>
        <translation>Tiempo máximo que una sesión de producción permanece abierta</translation>
    </message>
    <message>
        <source>No bonus</source>
        <translation>Sin bono</translation>
    </message>
    <message>
        <source>Bonus: +{value} %</source>
        <translation>Bono: +{value} %</translation>
    </message>
    <message>
        <source>Bonus: +{value} flat</source>
        <translation>Bono: +{value} fijo</translation>
    </message>
    <message>
        <source>Unknown time zone {zone}</source>
        <translation>Zona horaria desconocida {zone}</translation>
    </message>
    <message>
        <source>SECTORS ({count})</source>
        <translation>SECTORES ({count})</translation>
    </message>
    <message>
        <source>area not recorded</source>
        <translation>superficie sin registrar</translation>
    </message>
    <message>
        <source>{area} ha</source>
        <translation>{area} ha</translation>
    </message>
    <message>
        <source>Exported 1 row to {path}</source>
        <translation>Se exportó 1 fila a {path}</translation>
    </message>
    <message>
        <source>Exported {rows} rows to {path}</source>
        <translation>Se exportaron {rows} filas a {path}</translation>
    </message>
    <message>
        <source>Could not export to {path}: {reason}</source>
        <translation>No se pudo exportar a {path}: {reason}</translation>
    </message>
</context>
<context>
    <name>Panes</name>
    <message>
        <source>Overview</source>
        <translation>Resumen</translation>
    </message>
</context>
<context>
    <name>SectorsTableModel</name>
    <message>
        <source>Sector</source>
        <translation>Sector</translation>
    </message>
    <message>
        <source>Area (ha)</source>
        <translation>Superficie (ha)</translation>
    </message>
    <message>
        <source>Crop</source>
        <translation>Cultivo</translation>
    </message>
    <message>
        <source>Variety</source>
        <translation>Variedad</translation>
    </message>
    <message>
        <source>Sector ID</source>
        <translation>ID del sector</translation>
    </message>
</context>
<context>
    <name>SessionController</name>
    <message>
        <source>The settings could not be read</source>
        <translation>No se pudo leer la configuración</translation>
    </message>
    <message>
        <source>There is no profile called “{name}” yet: fill in the account to create it.</source>
        <translation>Aún no hay un perfil llamado «{name}»: complete los datos de la cuenta para crearlo.</translation>
    </message>
    <message>
        <source>No system keychain</source>
        <translation>No hay llavero del sistema</translation>
    </message>
    <message>
        <source>HydroDesk keeps your token only in the system keychain, and none is available or it is locked. Install or unlock one (GNOME Keyring or KWallet on Linux), then start HydroDesk again. To explore without an account, run hydrodesk --demo.</source>
        <translation>HydroDesk guarda su token solo en el llavero del sistema, y no hay ninguno disponible o está bloqueado. Instale o desbloquee uno (GNOME Keyring o KWallet en Linux) y vuelva a iniciar HydroDesk. Para explorar sin cuenta, ejecute hydrodesk --demo.</translation>
    </message>
    <message>
        <source>Sign in again</source>
        <translation>Inicie sesión de nuevo</translation>
    </message>
    <message>
        <source>The system keychain holds no token for the profile “{name}”. Sign in again.</source>
        <translation>El llavero del sistema no guarda ningún token para el perfil «{name}». Inicie sesión de nuevo.</translation>
    </message>
    <message>
        <source>Sign in…</source>
        <translation>Iniciar sesión…</translation>
    </message>
    <message>
        <source>The account settings are not valid</source>
        <translation>Los datos de la cuenta no son válidos</translation>
    </message>
    <message>
        <source>{reason}. Fix it with File &gt; Sign in to Hydrobit…</source>
        <translation>{reason}. Corríjalo con Archivo &gt; Iniciar sesión en Hydrobit…</translation>
    </message>
    <message>
        <source>The farm could not be opened</source>
        <translation>No se pudo abrir la finca</translation>
    </message>
    <message>
        <source>HydroDesk could not start the session. Quit and start it again; if it keeps happening, send the text below to your support contact.</source>
        <translation>HydroDesk no pudo iniciar la sesión. Salga y vuelva a iniciarlo; si sigue ocurriendo, envíe el texto de abajo a su contacto de soporte.</translation>
    </message>
    <message>
        <source>Demo farm</source>
        <translation>Finca de demostración</translation>
    </message>
    <message>
        <source>Starting the demo farm…</source>
        <translation>Iniciando la finca de demostración…</translation>
    </message>
    <message>
        <source>HydroDesk is starting its built-in Hydrobit simulator and field devices. This takes a few seconds.</source>
        <translation>HydroDesk está iniciando su simulador de Hydrobit integrado y los dispositivos de campo. Tarda unos segundos.</translation>
    </message>
    <message>
        <source>Signing in to the demo farm…</source>
        <translation>Iniciando sesión en la finca de demostración…</translation>
    </message>
    <message>
        <source>Getting an access token and an API key for the demo user.</source>
        <translation>Obteniendo un token de acceso y una clave de API para el usuario de demostración.</translation>
    </message>
    <message>
        <source>Reading your sign-in…</source>
        <translation>Leyendo sus datos de acceso…</translation>
    </message>
    <message>
        <source>Your system keychain may ask you to unlock it.</source>
        <translation>Es posible que el llavero del sistema le pida desbloquearlo.</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Iniciando sesión…</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to Hydrobit</source>
        <translation>Iniciar sesión en Hydrobit</translation>
    </message>
    <message>
        <source>Paste the access token (JWT) and, if you have one, the API key your Hydrobit administrator gave you. HydroDesk keeps them in this computer&apos;s system keychain, never in a file.</source>
        <translation>Pegue el token de acceso (JWT) y, si la tiene, la clave de API que le dio su administrador de Hydrobit. HydroDesk los guarda en el llavero del sistema de este equipo, nunca en un archivo.</translation>
    </message>
    <message>
        <source>Same as the server, if left empty</source>
        <translation>Igual que el servidor, si se deja vacío</translation>
    </message>
    <message>
        <source>user_… (filled in from the token when left empty)</source>
        <translation>user_… (se toma del token si se deja vacío)</translation>
    </message>
    <message>
        <source>eyJ…</source>
        <translation>eyJ…</translation>
    </message>
    <message>
        <source>Optional: needed for scouting, weather and irrigation data</source>
        <translation>Opcional: necesaria para los datos de monitoreo, clima y riego</translation>
    </message>
    <message>
        <source>Optional: a PEM file, for a company proxy&apos;s certificate</source>
        <translation>Opcional: un archivo PEM, para el certificado de un proxy de la empresa</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>Nombre del perfil</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Dirección del servidor</translation>
    </message>
    <message>
        <source>IoT server address</source>
        <translation>Dirección del servidor IoT</translation>
    </message>
    <message>
        <source>User ID (auth0Id)</source>
        <translation>ID de usuario (auth0Id)</translation>
    </message>
    <message>
        <source>Access token (JWT)</source>
        <translation>Token de acceso (JWT)</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clave de API</translation>
    </message>
    <message>
        <source>CA bundle</source>
        <translation>Certificados de CA</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <source>Paste your access token (JWT).</source>
        <translation>Pegue su token de acceso (JWT).</translation>
    </message>
    <message>
        <source>The access token does not look like a JWT: it has three parts separated by dots.</source>
        <translation>El token de acceso no parece un JWT: tiene tres partes separadas por puntos.</translation>
    </message>
    <message>
        <source>The API key does not look right: it has the form keyId.token.</source>
        <translation>La clave de API no parece correcta: tiene la forma keyId.token.</translation>
    </message>
    <message>
        <source>Give the profile a name.</source>
        <translation>Ponga un nombre al perfil.</translation>
    </message>
    <message>
        <source>Enter the server address, e.g. https://api.hydrobit.ag.</source>
        <translation>Introduzca la dirección del servidor, p. ej. https://api.hydrobit.ag.</translation>
    </message>
    <message>
        <source>The server address must start with https://.</source>
        <translation>La dirección del servidor debe empezar por https://.</translation>
    </message>
    <message>
        <source>The server address must use https:// (plain http is only allowed on this computer).</source>
        <translation>La dirección del servidor debe usar https:// (http sin cifrar solo se permite en este equipo).</translation>
    </message>
    <message>
        <source>The IoT server address must start with https://.</source>
        <translation>La dirección del servidor IoT debe empezar por https://.</translation>
    </message>
    <message>
        <source>The IoT server address must use https:// (plain http is only allowed on this computer).</source>
        <translation>La dirección del servidor IoT debe usar https:// (http sin cifrar solo se permite en este equipo).</translation>
    </message>
    <message>
        <source>Enter your user ID (auth0Id), or paste a token that has it.</source>
        <translation>Introduzca su ID de usuario (auth0Id) o pegue un token que lo contenga.</translation>
    </message>
    <message>
        <source>The CA bundle file was not found.</source>
        <translation>No se encontró el archivo de certificados de CA.</translation>
    </message>
    <message>
        <source>HydroDesk could not save your sign-in: it keeps tokens only in the system keychain, and the keychain is missing or locked. Install or unlock it (GNOME Keyring or KWallet on Linux) and try again, or use the demo farm (hydrodesk --demo).</source>
        <translation>HydroDesk no pudo guardar sus datos de acceso: guarda los tokens solo en el llavero del sistema, y el llavero falta o está bloqueado. Instálelo o desbloquéelo (GNOME Keyring o KWallet en Linux) e inténtelo de nuevo, o use la finca de demostración (hydrodesk --demo).</translation>
    </message>
    <message>
        <source>HydroDesk could not save the profile: {reason}</source>
        <translation>HydroDesk no pudo guardar el perfil: {reason}</translation>
    </message>
    <message>
        <source>Choose a CA bundle</source>
        <translation>Elegir certificados de CA</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt)</source>
        <translation>Certificados (*.pem *.crt)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Todos los archivos (*)</translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>On the map: go to the next or previous sector</source>
        <translation>En el mapa: ir al sector siguiente o anterior</translation>
    </message>
    <message>
        <source>On the map: select the sector in the navigator</source>
        <translation>En el mapa: seleccionar el sector en el navegador</translation>
    </message>
    <message>
        <source>On the map: open the sector</source>
        <translation>En el mapa: abrir el sector</translation>
    </message>
    <message>
        <source>Arrows</source>
        <translation>Flechas</translation>
    </message>
    <message>
        <source>On the map: move the map</source>
        <translation>En el mapa: mover el mapa</translation>
    </message>
    <message>
        <source>On the map: zoom in or out</source>
        <translation>En el mapa: acercar o alejar</translation>
    </message>
    <message>
        <source>On the map: show every sector</source>
        <translation>En el mapa: mostrar todos los sectores</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <source>Scout</source>
        <translation>Monitor</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Sector</translation>
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
        <source>Latitude</source>
        <translation>Latitud</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>Longitud</translation>
    </message>
    <message>
        <source>Pest or disease</source>
        <translation>Plaga o enfermedad</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Conteo</translation>
    </message>
    <message>
        <source>Severity (0–4)</source>
        <translation>Severidad (0–4)</translation>
    </message>
</context>
<context>
    <name>AccountButton</name>
    <message>
        <source>Signed in as {name} ({user}) · {account}</source>
        <translation>Sesión iniciada como {name} ({user}) · {account}</translation>
    </message>
    <message>
        <source>Account: {name}</source>
        <translation>Cuenta: {name}</translation>
    </message>
    <message>
        <source>Sign in to Hydrobit</source>
        <translation>Iniciar sesión en Hydrobit</translation>
    </message>
    <message>
        <source>Sign in to a Hydrobit account, or pick a saved profile</source>
        <translation>Inicie sesión en una cuenta de Hydrobit o elija un perfil guardado</translation>
    </message>
    <message>
        <source>Sign in to Hydrobit…</source>
        <translation>Iniciar sesión en Hydrobit…</translation>
    </message>
    <message>
        <source>Saved profiles</source>
        <translation>Perfiles guardados</translation>
    </message>
    <message>
        <source>Profiles…</source>
        <translation>Perfiles…</translation>
    </message>
    <message>
        <source>{account} · {user}</source>
        <translation>{account} · {user}</translation>
    </message>
    <message>
        <source>Switch profile</source>
        <translation>Cambiar de perfil</translation>
    </message>
    <message>
        <source>Another account…</source>
        <translation>Otra cuenta…</translation>
    </message>
    <message>
        <source>Switch user…</source>
        <translation>Cambiar de usuario…</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Salir de la cuenta</translation>
    </message>
</context>
<context>
    <name>AccountMenu</name>
    <message>
        <source>Demo farm</source>
        <translation>Finca de demostración</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Salir de la cuenta</translation>
    </message>
    <message>
        <source>Sign out with 1 change not yet on the server?</source>
        <translation>¿Salir de la cuenta con 1 cambio que aún no está en el servidor?</translation>
    </message>
    <message>
        <source>Sign out with {count} changes not yet on the server?</source>
        <translation>¿Salir de la cuenta con {count} cambios que aún no están en el servidor?</translation>
    </message>
    <message>
        <source>They stay on this computer and are sent the next time this profile signs in. Signing out removes your access token from this computer: you will need it to sign in again.</source>
        <translation>Se quedan en este equipo y se envían la próxima vez que este perfil inicie sesión. Al salir se borra su token de acceso de este equipo: lo necesitará para volver a iniciar sesión.</translation>
    </message>
    <message>
        <source>Sign in as another user of “{profile}”. The changes {user} has not sent yet stay on this computer and are sent when {user} signs in again; the next user does not see them.</source>
        <translation>Inicie sesión como otro usuario de “{profile}”. Los cambios que {user} aún no ha enviado se quedan en esta computadora y se envían cuando {user} vuelva a iniciar sesión; el siguiente usuario no los ve.</translation>
    </message>
    <message>
        <source>Signed out. Changes not yet sent stay on this computer until this profile signs in again.</source>
        <translation>Ha salido de la cuenta. Los cambios aún no enviados se quedan en este equipo hasta que este perfil vuelva a iniciar sesión.</translation>
    </message>
</context>
<context>
    <name>AlarmJournalView</name>
    <message>
        <source>alarms</source>
        <comment>file name</comment>
        <translation>alarmas</translation>
    </message>
    <message>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Reconocer</translation>
    </message>
    <message>
        <source>Say that someone is dealing with the selected alarm</source>
        <translation>Indicar que alguien se ocupa de la alarma seleccionada</translation>
    </message>
    <message>
        <source>&amp;Clear</source>
        <translation>Cerrar a&amp;larma</translation>
    </message>
    <message>
        <source>Close the selected alarm (it comes back if the problem persists)</source>
        <translation>Cerrar la alarma seleccionada (vuelve si el problema continúa)</translation>
    </message>
    <message>
        <source>Alarm &amp;rules…</source>
        <translation>Re&amp;glas de alarma…</translation>
    </message>
    <message>
        <source>Thresholds and delays per valve, battery level, sound</source>
        <translation>Umbrales y demoras por válvula, nivel de batería, sonido</translation>
    </message>
    <message>
        <source>No alarms. One is raised here when a valve or a reading needs attention.</source>
        <translation>No hay alarmas. Aquí aparece una cuando una válvula o una lectura requiere atención.</translation>
    </message>
    <message>
        <source>this console</source>
        <translation>esta consola</translation>
    </message>
</context>
<context>
    <name>AlarmRulesDialog</name>
    <message>
        <source>Alarm rules</source>
        <translation>Reglas de alarma</translation>
    </message>
    <message>
        <source>Valve</source>
        <translation>Válvula</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Sector</translation>
    </message>
    <message>
        <source>Expected (L/min)</source>
        <translation>Esperado (L/min)</translation>
    </message>
    <message>
        <source>Lowest flow</source>
        <translation>Caudal mínimo</translation>
    </message>
    <message>
        <source>Highest flow</source>
        <translation>Caudal máximo</translation>
    </message>
    <message>
        <source>Leak above</source>
        <translation>Fuga por encima de</translation>
    </message>
    <message>
        <source>Delay (s)</source>
        <translation>Demora (s)</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Set thresholds for a whole sector, and for a valve that differs from its sector. Leave a valve&apos;s cell empty to use its sector&apos;s value; leave a sector&apos;s cell empty to use the default: each valve&apos;s expected flow from Hydrobit, a leak above {leak} L/min on a closed valve, and the delay from Settings &gt; Irrigation ({hold} s).</source>
        <translation>Defina umbrales para un sector completo y para una válvula que se aparte de su sector. Deje vacía la celda de una válvula para usar el valor de su sector; deje vacía la de un sector para usar el valor predeterminado: el caudal esperado de cada válvula según Hydrobit, una fuga sobre {leak} L/min con la válvula cerrada y la demora de Configuración &gt; Riego ({hold} s).</translation>
    </message>
    <message>
        <source>Valves</source>
        <translation>Válvulas</translation>
    </message>
    <message>
        <source>By valve</source>
        <translation>Por válvula</translation>
    </message>
    <message>
        <source>By sector</source>
        <translation>Por sector</translation>
    </message>
    <message>
        <source>Beep when an alarm is raised</source>
        <translation>Emitir un pitido cuando se active una alarma</translation>
    </message>
    <message>
        <source>Battery low below:</source>
        <translation>Batería baja por debajo de:</translation>
    </message>
    <message>
        <source>At most one desktop notification every:</source>
        <translation>Como máximo una notificación de escritorio cada:</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Proyecto</translation>
    </message>
    <message>
        <source>{valve}: “{text}” is not a number.</source>
        <translation>{valve}: «{text}» no es un número.</translation>
    </message>
    <message>
        <source>{valve}: numbers must be zero or more, and the lowest flow below the highest.</source>
        <translation>{valve}: los números deben ser cero o mayores, y el caudal mínimo menor que el máximo.</translation>
    </message>
    <message>
        <source>The rules could not be saved: {reason}</source>
        <translation>No se pudieron guardar las reglas: {reason}</translation>
    </message>
</context>
<context>
    <name>AlarmService</name>
    <message>
        <source>HydroDesk alarm: {alarm}</source>
        <translation>Alarma de HydroDesk: {alarm}</translation>
    </message>
    <message>
        <source>HydroDesk: {count} more alarms</source>
        <translation>HydroDesk: {count} alarmas más</translation>
    </message>
    <message>
        <source>HydroDesk: 1 more alarm</source>
        <translation>HydroDesk: 1 alarma más</translation>
    </message>
    <message>
        <source>1 alarm needs attention. Press Ctrl+Shift+A to see it.</source>
        <translation>1 alarma requiere atención. Pulse Ctrl+Mayús+A para verla.</translation>
    </message>
    <message>
        <source>{count} alarms need attention. Press Ctrl+Shift+A to see them.</source>
        <translation>{count} alarmas requieren atención. Pulse Ctrl+Mayús+A para verlas.</translation>
    </message>
</context>
<context>
    <name>AlarmsDialog</name>
    <message>
        <source>Alarms</source>
        <translation>Alarmas</translation>
    </message>
    <message>
        <source>1 open alarm needs attention. Select it and acknowledge it (Alt+A) to say someone is on it.</source>
        <translation>1 alarma abierta requiere atención. Selecciónela y reconózcala (Alt+R) para indicar que alguien se ocupa.</translation>
    </message>
    <message>
        <source>{attention} of {open} open alarms need attention. Select one and acknowledge it (Alt+A) to say someone is on it.</source>
        <translation>{attention} de {open} alarmas abiertas requieren atención. Seleccione una y reconózcala (Alt+R) para indicar que alguien se ocupa.</translation>
    </message>
    <message>
        <source>1 open alarm, acknowledged.</source>
        <translation>1 alarma abierta, reconocida.</translation>
    </message>
    <message>
        <source>{count} open alarms, all acknowledged.</source>
        <translation>{count} alarmas abiertas, todas reconocidas.</translation>
    </message>
    <message>
        <source>No open alarms. HydroDesk watches every valve and device while you are signed in.</source>
        <translation>No hay alarmas abiertas. HydroDesk vigila todas las válvulas y dispositivos mientras su sesión está iniciada.</translation>
    </message>
</context>
<context>
    <name>AlarmsModel</name>
    <message>
        <source>Raised</source>
        <translation>Activada</translation>
    </message>
    <message>
        <source>Alarm</source>
        <translation>Alarma</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Dónde</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>Lectura</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>Veces</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>Reconocida</translation>
    </message>
    <message>
        <source>Cleared</source>
        <translation>Cerrada</translation>
    </message>
    <message>
        <source>Acknowledged · condition gone</source>
        <translation>Reconocida · la condición desapareció</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Requiere atención</translation>
    </message>
    <message>
        <source>Condition gone · not acknowledged</source>
        <translation>La condición desapareció · sin reconocer</translation>
    </message>
    <message>
        <source>by itself</source>
        <translation>por sí sola</translation>
    </message>
</context>
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
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <source>Sending changes to the Hydrobit server and fetching the latest data.</source>
        <translation>Enviando cambios al servidor de Hydrobit y obteniendo los datos más recientes.</translation>
    </message>
    <message>
        <source>The Hydrobit server no longer accepts your sign-in. Sign in again: nothing is lost meanwhile.</source>
        <translation>El servidor de Hydrobit ya no acepta su inicio de sesión. Inicie sesión de nuevo: mientras tanto no se pierde nada.</translation>
    </message>
    <message>
        <source>Sign-in needed</source>
        <translation>Hay que iniciar sesión</translation>
    </message>
    <message>
        <source>Connected to the Hydrobit server.</source>
        <translation>Conectado al servidor de Hydrobit.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>{problem} HydroDesk keeps your changes on this computer and tries again by itself.</source>
        <translation>{problem} HydroDesk guarda sus cambios en este equipo y vuelve a intentarlo por sí solo.</translation>
    </message>
    <message>
        <source>The server could not store 1 record just now: it will be sent again.</source>
        <translation>El servidor no pudo guardar 1 registro por ahora: se enviará de nuevo.</translation>
    </message>
    <message>
        <source>The server could not store {count} records just now: they will be sent again.</source>
        <translation>El servidor no pudo guardar {count} registros por ahora: se enviarán de nuevo.</translation>
    </message>
    <message>
        <source>Not signed in to a Hydrobit account.</source>
        <translation>No ha iniciado sesión en una cuenta de Hydrobit.</translation>
    </message>
    <message>
        <source>⚠ 1 alarm</source>
        <translation>⚠ 1 alarma</translation>
    </message>
    <message>
        <source>⚠ {count} alarms</source>
        <translation>⚠ {count} alarmas</translation>
    </message>
    <message>
        <source>Alarms that need attention. Click or press Ctrl+Shift+A to see them.</source>
        <translation>Alarmas que requieren atención. Haga clic o pulse Ctrl+Mayús+A para verlas.</translation>
    </message>
    <message>
        <source>Updated {time}</source>
        <translation>Actualizado {time}</translation>
    </message>
</context>
<context>
    <name>CacheFileText</name>
    <message>
        <source>The local copy of the farm was damaged</source>
        <translation>La copia local del campo estaba dañada</translation>
    </message>
    <message>
        <source>HydroDesk found the file that keeps this computer&apos;s copy of the farm damaged, so it started a new one. The farm&apos;s data is downloaded again from the server at the next sync.</source>
        <translation>HydroDesk encontró dañado el archivo donde este computador guarda la copia del campo, así que creó uno nuevo. Los datos del campo se descargan de nuevo desde el servidor en la próxima sincronización.</translation>
    </message>
    <message>
        <source>Changes waiting to be sent that were kept: {count}.</source>
        <translation>Cambios pendientes de envío que se conservaron: {count}.</translation>
    </message>
    <message>
        <source>Changes that could not be read: {count}. Check the Outbox and enter again anything that is missing.</source>
        <translation>Cambios que no se pudieron leer: {count}. Revise la Bandeja de salida e ingrese de nuevo lo que falte.</translation>
    </message>
    <message>
        <source>Its journal was damaged too: changes saved in the last moments before HydroDesk stopped may be missing. Check the Outbox and enter again anything that is missing.</source>
        <translation>Su registro de transacciones también estaba dañado: pueden faltar cambios guardados en los últimos momentos antes de que HydroDesk se cerrara. Revise la Bandeja de salida e ingrese de nuevo lo que falte.</translation>
    </message>
    <message>
        <source>The damaged file was kept for your support contact at:
{path}</source>
        <translation>El archivo dañado se guardó para su contacto de soporte en:
{path}</translation>
    </message>
    <message>
        <source>The disk is full: the entry for {name} was not saved. Free some space on this computer&apos;s disk, then enter it again; everything saved before is kept.</source>
        <translation>El disco está lleno: la entrada de {name} no se guardó. Libere espacio en el disco de este computador y vuelva a ingresarla; todo lo guardado antes se conserva.</translation>
    </message>
    <message>
        <source>The disk is full: this change was not saved. Free some space on this computer&apos;s disk, then try again; everything saved before is kept.</source>
        <translation>El disco está lleno: este cambio no se guardó. Libere espacio en el disco de este computador y vuelva a intentarlo; todo lo guardado antes se conserva.</translation>
    </message>
</context>
<context>
    <name>CachePage</name>
    <message>
        <source>HydroDesk keeps a copy of the farm&apos;s data on this computer, so it works offline. Clearing it frees the space; HydroDesk downloads the data again the next time it is online. The changes waiting in the outbox are never cleared.</source>
        <translation>HydroDesk guarda en este computador una copia de los datos del campo para poder trabajar sin conexión. Vaciarla libera el espacio; HydroDesk vuelve a descargar los datos la próxima vez que esté en línea. Los cambios que esperan en la bandeja de salida nunca se borran.</translation>
    </message>
    <message>
        <source>&amp;Open Folder</source>
        <translation>&amp;Abrir carpeta</translation>
    </message>
    <message>
        <source>&amp;Clear Cache…</source>
        <translation>&amp;Vaciar caché…</translation>
    </message>
    <message>
        <source>Cache</source>
        <translation>Caché</translation>
    </message>
    <message>
        <source>No cache on this computer yet.</source>
        <translation>Todavía no hay caché en este computador.</translation>
    </message>
    <message>
        <source>Location: {folder}</source>
        <translation>Ubicación: {folder}</translation>
    </message>
    <message>
        <source>Size on disk: {size} (with the outbox)</source>
        <translation>Tamaño en disco: {size} (con la bandeja de salida)</translation>
    </message>
    <message>
        <source>Sign in to clear the cache of your profile.</source>
        <translation>Inicie sesión para vaciar la caché de su perfil.</translation>
    </message>
    <message>
        <source>Clear cache</source>
        <translation>Vaciar caché</translation>
    </message>
    <message>
        <source>Clear the farm&apos;s data kept on this computer?</source>
        <translation>¿Vaciar los datos del campo guardados en este computador?</translation>
    </message>
    <message>
        <source>HydroDesk downloads it again when it is online; until then the panes are empty. The changes waiting in the outbox are kept and still sent.</source>
        <translation>HydroDesk los vuelve a descargar cuando está en línea; hasta entonces los paneles quedan vacíos. Los cambios que esperan en la bandeja de salida se conservan y se enviarán igual.</translation>
    </message>
    <message>
        <source>Clear Cache</source>
        <translation>Vaciar caché</translation>
    </message>
    <message>
        <source>Clearing the cache…</source>
        <translation>Vaciando la caché…</translation>
    </message>
    <message>
        <source>The cache could not be cleared: {reason}</source>
        <translation>No se pudo vaciar la caché: {reason}</translation>
    </message>
    <message>
        <source>The cache is cleared. HydroDesk is downloading the farm again.</source>
        <translation>La caché está vacía. HydroDesk está descargando el campo de nuevo.</translation>
    </message>
</context>
<context>
    <name>CacheRefused</name>
    <message>
        <source>Try again</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>HydroDesk is already open for this account</source>
        <translation>HydroDesk ya está abierto para esta cuenta</translation>
    </message>
    <message>
        <source>Another HydroDesk window is using this account&apos;s copy of the farm on this computer, and two windows would send the same changes twice. Switch to that window, or close it and press Try again.</source>
        <translation>Otra ventana de HydroDesk está usando la copia del campo de esta cuenta en este computador, y dos ventanas enviarían los mismos cambios dos veces. Cambie a esa ventana, o ciérrela y pulse Reintentar.</translation>
    </message>
    <message>
        <source>This computer&apos;s copy of the farm is from a newer HydroDesk</source>
        <translation>La copia del campo en este computador es de un HydroDesk más nuevo</translation>
    </message>
    <message>
        <source>A newer version of HydroDesk saved it, and this version must not change it: it may hold changes the server has not received yet. Install the newer version, then start HydroDesk again.</source>
        <translation>La guardó una versión más nueva de HydroDesk, y esta versión no debe modificarla: puede contener cambios que el servidor aún no ha recibido. Instale la versión más nueva y vuelva a abrir HydroDesk.</translation>
    </message>
    <message>
        <source>Check for updates…</source>
        <translation>Buscar actualizaciones…</translation>
    </message>
    <message>
        <source>The disk is full</source>
        <translation>El disco está lleno</translation>
    </message>
    <message>
        <source>There is no room on this computer&apos;s disk to open the copy of the farm. Free some space, then press Try again; nothing saved before is lost.</source>
        <translation>No hay espacio en el disco de este computador para abrir la copia del campo. Libere espacio y pulse Reintentar; no se pierde nada de lo guardado antes.</translation>
    </message>
    <message>
        <source>This computer&apos;s copy of the farm could not be opened</source>
        <translation>No se pudo abrir la copia del campo en este computador</translation>
    </message>
    <message>
        <source>Press Try again. If it keeps happening, send the text below to your support contact; the changes waiting in it are not deleted.</source>
        <translation>Pulse Reintentar. Si vuelve a ocurrir, envíe el texto de abajo a su contacto de soporte; los cambios que esperan en ella no se borran.</translation>
    </message>
</context>
<context>
    <name>CloseSessionDialog</name>
    <message>
        <source>Close session</source>
        <translation>Cerrar la sesión</translation>
    </message>
    <message>
        <source>Close the session for {sector}?</source>
        <translation>¿Cerrar la sesión de {sector}?</translation>
    </message>
    <message>
        <source>No records can be added once it is closed.</source>
        <translation>Una vez cerrada no se pueden añadir registros.</translation>
    </message>
    <message>
        <source>Final count, truck, incidents (optional)</source>
        <translation>Conteo final, camión, incidencias (opcional)</translation>
    </message>
    <message>
        <source>Final notes</source>
        <translation>Notas finales</translation>
    </message>
</context>
<context>
    <name>CommandTracker</name>
    <message>
        <source>{valve} no longer exists on Hydrobit (it was deleted there): nothing was sent to the field.</source>
        <translation>{valve} ya no existe en Hydrobit (se eliminó allí): no se envió nada al campo.</translation>
    </message>
    <message>
        <source>The server reported it done, but this office&apos;s flow readings disagree after {s} s.</source>
        <translation>El servidor lo dio por hecho, pero las lecturas de caudal de esta oficina no coinciden tras {s} s.</translation>
    </message>
    <message>
        <source>Acknowledged, but this office&apos;s flow readings did not show it done within {s} s.</source>
        <translation>Aceptado, pero las lecturas de caudal de esta oficina no lo mostraron hecho en {s} s.</translation>
    </message>
</context>
<context>
    <name>CommandsModel</name>
    <message>
        <source>Requested</source>
        <translation>Solicitado</translation>
    </message>
    <message>
        <source>Valve</source>
        <translation>Válvula</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Sector</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Comando</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation>Ciclo de vida</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Envíos</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Not confirmed: alarm raised</source>
        <translation>Sin confirmar: alarma activada</translation>
    </message>
    <message>
        <source>By program “{name}”</source>
        <translation>Por el programa «{name}»</translation>
    </message>
</context>
<context>
    <name>ComparisonModel</name>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>Trabajador</translation>
    </message>
    <message>
        <source>Worker ID</source>
        <translation>ID del trabajador</translation>
    </message>
    <message>
        <source>Local units</source>
        <translation>Unidades locales</translation>
    </message>
    <message>
        <source>Server units</source>
        <translation>Unidades del servidor</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Diferencia</translation>
    </message>
    <message>
        <source>Local records</source>
        <translation>Registros locales</translation>
    </message>
    <message>
        <source>Server records</source>
        <translation>Registros del servidor</translation>
    </message>
    <message>
        <source>Quality (server)</source>
        <translation>Calidad (servidor)</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>HydroDesk ran into a problem</source>
        <translation>HydroDesk tuvo un problema</translation>
    </message>
    <message>
        <source>Something went wrong inside HydroDesk.</source>
        <translation>Algo falló dentro de HydroDesk.</translation>
    </message>
    <message>
        <source>HydroDesk is still running, and nothing waiting to be sent was lost: the changes not yet on the server stay in the outbox. If something on screen looks wrong now, quit and start HydroDesk again.</source>
        <translation>HydroDesk sigue funcionando y no se perdió nada de lo que espera envío: los cambios que aún no están en el servidor siguen en la bandeja de salida. Si ahora algo se ve mal en pantalla, cierre HydroDesk y vuelva a abrirlo.</translation>
    </message>
    <message>
        <source>A report for your support contact was saved as {file}.</source>
        <translation>Se guardó un informe para su contacto de soporte en {file}.</translation>
    </message>
    <message>
        <source>The report could not be saved ({reason}); copy it to send it.</source>
        <translation>No se pudo guardar el informe ({reason}); cópielo para enviarlo.</translation>
    </message>
    <message>
        <source>&amp;Copy Report</source>
        <translation>&amp;Copiar informe</translation>
    </message>
    <message>
        <source>&amp;Open Report</source>
        <translation>&amp;Abrir informe</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copiado</translation>
    </message>
    <message>
        <source>This has happened {count} times since this message appeared.</source>
        <translation>Esto ha ocurrido {count} veces desde que apareció este mensaje.</translation>
    </message>
</context>
<context>
    <name>CreateWorkerDialog</name>
    <message>
        <source>Correct worker and retry</source>
        <translation>Corregir trabajador y reintentar</translation>
    </message>
    <message>
        <source>New worker</source>
        <translation>Nuevo trabajador</translation>
    </message>
    <message>
        <source>e.g. José</source>
        <translation>p. ej. José</translation>
    </message>
    <message>
        <source>e.g. Núñez</source>
        <translation>p. ej. Núñez</translation>
    </message>
    <message>
        <source>Choose a position</source>
        <translation>Elija un puesto</translation>
    </message>
    <message>
        <source>Choose an employment type</source>
        <translation>Elija un tipo de contrato</translation>
    </message>
    <message>
        <source>e.g. 18.5 (optional)</source>
        <translation>p. ej. 18,5 (opcional)</translation>
    </message>
    <message>
        <source>First name *</source>
        <translation>Nombre *</translation>
    </message>
    <message>
        <source>Last name *</source>
        <translation>Apellido *</translation>
    </message>
    <message>
        <source>Hire date *</source>
        <translation>Fecha de ingreso *</translation>
    </message>
    <message>
        <source>Worker ID</source>
        <translation>ID del trabajador</translation>
    </message>
    <message>
        <source>Position *</source>
        <translation>Puesto *</translation>
    </message>
    <message>
        <source>Employment type *</source>
        <translation>Tipo de contrato *</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Hourly rate</source>
        <translation>Tarifa por hora</translation>
    </message>
    <message>
        <source>e.g. +52 1 443 555 0101</source>
        <translation>p. ej. +52 1 443 555 0101</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>nombre@ejemplo.com</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>Habilidades</translation>
    </message>
    <message>
        <source>Anything the office should know</source>
        <translation>Lo que la oficina deba saber</translation>
    </message>
    <message>
        <source>Choose photo…</source>
        <translation>Elegir foto…</translation>
    </message>
    <message>
        <source>A JPEG, PNG or WebP image of at most 12 MB</source>
        <translation>Una imagen JPEG, PNG o WebP de 12 MB como máximo</translation>
    </message>
    <message>
        <source>Remove photo</source>
        <translation>Quitar foto</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Emergency contact</source>
        <translation>Contacto de emergencia</translation>
    </message>
    <message>
        <source>Emergency phone</source>
        <translation>Teléfono de emergencia</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
    <message>
        <source>Save and retry</source>
        <translation>Guardar y reintentar</translation>
    </message>
    <message>
        <source>Save worker</source>
        <translation>Guardar trabajador</translation>
    </message>
    <message>
        <source>Save (Ctrl+Enter); it is sent to the server as soon as possible</source>
        <translation>Guardar (Ctrl+Intro); se envía al servidor en cuanto sea posible</translation>
    </message>
    <message>
        <source>The hourly rate cannot be negative.</source>
        <translation>La tarifa por hora no puede ser negativa.</translation>
    </message>
    <message>
        <source>The hourly rate is too high: at most 10,000.</source>
        <translation>La tarifa por hora es demasiado alta: como máximo 10 000.</translation>
    </message>
    <message>
        <source>The hourly rate must be a number, such as 18.5.</source>
        <translation>La tarifa por hora debe ser un número, como 18,5.</translation>
    </message>
    <message>
        <source>The e-mail address does not look right (name@example.com).</source>
        <translation>La dirección de correo no parece correcta (nombre@ejemplo.com).</translation>
    </message>
    <message>
        <source>first name</source>
        <translation>nombre</translation>
    </message>
    <message>
        <source>last name</source>
        <translation>apellido</translation>
    </message>
    <message>
        <source>position</source>
        <translation>puesto</translation>
    </message>
    <message>
        <source>employment type</source>
        <translation>tipo de contrato</translation>
    </message>
    <message>
        <source>Still needed: {fields}.</source>
        <translation>Falta: {fields}.</translation>
    </message>
    <message>
        <source>Fields marked * are required.</source>
        <translation>Los campos marcados con * son obligatorios.</translation>
    </message>
    <message>
        <source>The worker ID appears once the first and last name each start with a letter.</source>
        <translation>El ID del trabajador aparece cuando el nombre y el apellido empiezan con una letra.</translation>
    </message>
    <message>
        <source>Initials and the month and day of the hire date.</source>
        <translation>Iniciales más el mes y el día de la fecha de ingreso.</translation>
    </message>
    <message>
        <source>date unknown</source>
        <translation>fecha desconocida</translation>
    </message>
    <message>
        <source>{name} is already in the roster as {id}: saving again keeps the worker the server has.</source>
        <translation>{name} ya está en la plantilla como {id}: guardarlo de nuevo conserva el trabajador que tiene el servidor.</translation>
    </message>
    <message>
        <source>{id} is already used by {name} (hired {hired}). The server will refuse this worker: check the hire date, or use the day they really started.</source>
        <translation>{id} ya lo usa {name} (ingreso {hired}). El servidor rechazará a este trabajador: revise la fecha de ingreso o use el día en que empezó realmente.</translation>
    </message>
    <message>
        <source>Choose a photo</source>
        <translation>Elija una foto</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png *.webp)</source>
        <translation>Fotos (*.jpg *.jpeg *.png *.webp)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Todos los archivos (*)</translation>
    </message>
    <message>
        <source>{file} could not be read: {reason}</source>
        <translation>No se pudo leer {file}: {reason}</translation>
    </message>
    <message>
        <source>{file} · {kind} · {size}</source>
        <translation>{file} · {kind} · {size}</translation>
    </message>
    <message>
        <source>{file} is {size}, more than the {limit} a worker photo may have. Choose a smaller photo, or save it at a lower quality first.</source>
        <translation>{file} pesa {size}, más de los {limit} que puede pesar la foto de un trabajador. Elija una foto más pequeña o guárdela antes con menor calidad.</translation>
    </message>
    <message>
        <source>{file} is empty. Choose another photo.</source>
        <translation>{file} está vacío. Elija otra foto.</translation>
    </message>
    <message>
        <source>{file} is not a JPEG, PNG or WebP image. Choose a photo in one of those formats (convert other formats, such as HEIC, first).</source>
        <translation>{file} no es una imagen JPEG, PNG o WebP. Elija una foto en uno de esos formatos (convierta antes otros formatos, como HEIC).</translation>
    </message>
    <message>
        <source>Photo chosen ({kind}, {size}).</source>
        <translation>Foto elegida ({kind}, {size}).</translation>
    </message>
    <message>
        <source>No photo: the initials are shown instead.</source>
        <translation>Sin foto: se muestran las iniciales.</translation>
    </message>
</context>
<context>
    <name>Crops</name>
    <message>
        <source>Avocado</source>
        <translation>Aguacate</translation>
    </message>
    <message>
        <source>Blackberry</source>
        <translation>Zarzamora</translation>
    </message>
    <message>
        <source>Blueberry</source>
        <translation>Arándano</translation>
    </message>
    <message>
        <source>Cherry</source>
        <translation>Cereza</translation>
    </message>
    <message>
        <source>Grape</source>
        <translation>Uva</translation>
    </message>
    <message>
        <source>Table grape</source>
        <translation>Uva de mesa</translation>
    </message>
    <message>
        <source>Lemon</source>
        <translation>Limón</translation>
    </message>
    <message>
        <source>Mango</source>
        <translation>Mango</translation>
    </message>
    <message>
        <source>Orange</source>
        <translation>Naranja</translation>
    </message>
    <message>
        <source>Raspberry</source>
        <translation>Frambuesa</translation>
    </message>
    <message>
        <source>Strawberry</source>
        <translation>Fresa</translation>
    </message>
    <message>
        <source>Tomato</source>
        <translation>Tomate</translation>
    </message>
    <message>
        <source>Pepper</source>
        <translation>Pimiento</translation>
    </message>
    <message>
        <source>Asparagus</source>
        <translation>Espárrago</translation>
    </message>
    <message>
        <source>Walnut</source>
        <translation>Nogal</translation>
    </message>
</context>
<context>
    <name>DataTable</name>
    <message>
        <source>Print the rows shown, sorted and filtered as shown</source>
        <translation>Imprimir las filas mostradas, con el orden y el filtro de la tabla</translation>
    </message>
    <message>
        <source>Save the rows shown as a PDF file</source>
        <translation>Guardar las filas mostradas como archivo PDF</translation>
    </message>
    <message>
        <source>table</source>
        <comment>file name</comment>
        <translation>tabla</translation>
    </message>
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
        <source>No row matches “{text}”. Esc clears the filter.</source>
        <translation>Ninguna fila coincide con «{text}». Esc borra el filtro.</translation>
    </message>
    <message>
        <source>Filtering…</source>
        <translation>Filtrando…</translation>
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
        <source>{shown} of 1 row</source>
        <translation>{shown} de 1 fila</translation>
    </message>
    <message>
        <source>{shown} of {count} rows</source>
        <translation>{shown} de {count} filas</translation>
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
    <message>
        <source>an export of this table is still running</source>
        <translation>todavía se está exportando esta tabla</translation>
    </message>
    <message>
        <source>Exporting the table to {name}…</source>
        <translation>Exportando la tabla a {name}…</translation>
    </message>
    <message>
        <source>Table not exported</source>
        <translation>Tabla no exportada</translation>
    </message>
    <message>
        <source>{path} could not be written: {reason}.</source>
        <translation>No se pudo escribir {path}: {reason}.</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabla</translation>
    </message>
    <message>
        <source>Print table</source>
        <translation>Imprimir tabla</translation>
    </message>
    <message>
        <source>Save table as PDF</source>
        <translation>Guardar tabla como PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Imprimir…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Guardar como PDF…</translation>
    </message>
</context>
<context>
    <name>DayBar</name>
    <message>
        <source>Previous day (Alt+Left)</source>
        <translation>Día anterior (Alt+Izquierda)</translation>
    </message>
    <message>
        <source>Previous day</source>
        <translation>Día anterior</translation>
    </message>
    <message>
        <source>Day shown</source>
        <translation>Día mostrado</translation>
    </message>
    <message>
        <source>Next day (Alt+Right)</source>
        <translation>Día siguiente (Alt+Derecha)</translation>
    </message>
    <message>
        <source>Next day</source>
        <translation>Día siguiente</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Today at the farm (in the project&apos;s timezone)</source>
        <translation>Hoy en la finca (en la zona horaria del proyecto)</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todas</translation>
    </message>
    <message>
        <source>Every session of the day</source>
        <translation>Todas las sesiones del día</translation>
    </message>
    <message>
        <source>Open</source>
        <comment>sessions filter</comment>
        <translation>Abiertas</translation>
    </message>
    <message>
        <source>Sessions still open</source>
        <translation>Sesiones aún abiertas</translation>
    </message>
    <message>
        <source>Sessions already closed</source>
        <translation>Sesiones ya cerradas</translation>
    </message>
    <message>
        <source>Closed</source>
        <comment>sessions filter</comment>
        <translation>Cerradas</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Mías</translation>
    </message>
    <message>
        <source>Only the sessions you opened</source>
        <translation>Solo las sesiones que abrió usted</translation>
    </message>
    <message>
        <source>Open session…</source>
        <translation>Abrir sesión…</translation>
    </message>
    <message>
        <source>Open a production session (Ctrl+N)</source>
        <translation>Abrir una sesión de producción (Ctrl+N)</translation>
    </message>
</context>
<context>
    <name>DayReport</name>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>{value} % of the base pay</source>
        <translation>{value} % del pago base</translation>
    </message>
    <message>
        <source>{value} flat per worker</source>
        <translation>{value} fijo por trabajador</translation>
    </message>
    <message>
        <source>opened {opened}, closed {closed}</source>
        <translation>abierta a las {opened}, cerrada a las {closed}</translation>
    </message>
    <message>
        <source>opened {opened}, still open when printed</source>
        <translation>abierta a las {opened}, aún abierta al imprimir</translation>
    </message>
    <message>
        <source>Harvest day report · {sector} · {day}</source>
        <translation>Reporte de cosecha del día · {sector} · {day}</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Totales</translation>
    </message>
    <message>
        <source>Farm</source>
        <translation>Finca</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Empresa</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Sector</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sesión</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Precio</translation>
    </message>
    <message>
        <source>{price} per {unit}</source>
        <translation>{price} por {unit}</translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation>Bono</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Unidades</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>Trabajadores</translation>
    </message>
    <message>
        <source>Base pay</source>
        <translation>Pago base</translation>
    </message>
    <message>
        <source>Total pay</source>
        <translation>Pago total</translation>
    </message>
    <message>
        <source>Entries marked * are saved in this office but not yet confirmed by Hydrobit ({count} entries); the figures may change once they are synced.</source>
        <translation>Los registros marcados con * están guardados en esta oficina pero Hydrobit aún no los confirma ({count} registros); las cifras pueden cambiar al sincronizarse.</translation>
    </message>
    <message>
        <source>Some entries of {count} workers were refused by Hydrobit and are not counted here; see the outbox in HydroDesk.</source>
        <translation>Hydrobit rechazó algunos registros de {count} trabajadores y no se cuentan aquí; revise la bandeja de salida en HydroDesk.</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>Trabajador</translation>
    </message>
    <message>
        <source>Worker ID</source>
        <translation>ID del trabajador</translation>
    </message>
    <message>
        <source>Pay</source>
        <translation>Pago</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Firma</translation>
    </message>
    <message>
        <source>No units were recorded in this session.</source>
        <translation>No se registraron unidades en esta sesión.</translation>
    </message>
    <message>
        <source>Entries marked * are saved in this office but not yet confirmed by Hydrobit (1 entry); the figures may change once it is synced.</source>
        <translation>Los registros marcados con * están guardados en esta oficina pero Hydrobit aún no los confirma (1 registro); las cifras pueden cambiar al sincronizarse.</translation>
    </message>
    <message>
        <source>Some entries of 1 worker were refused by Hydrobit and are not counted here; see the outbox in HydroDesk.</source>
        <translation>Hydrobit rechazó algunos registros de 1 trabajador y no se cuentan aquí; revise la bandeja de salida en HydroDesk.</translation>
    </message>
    <message>
        <source>Payroll</source>
        <translation>Nómina</translation>
    </message>
    <message>
        <source>Worker representative</source>
        <translation>Representante de los trabajadores</translation>
    </message>
    <message>
        <source>Printed {date} at {time} ({zone}) by HydroDesk. Session {session}.</source>
        <translation>Impreso el {date} a las {time} ({zone}) con HydroDesk. Sesión {session}.</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>pendiente</translation>
    </message>
    <message>
        <source>Harvest day report</source>
        <translation>Reporte de cosecha del día</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>Página {page} de {pages}</translation>
    </message>
    <message>
        <source>Print day report</source>
        <translation>Imprimir reporte del día</translation>
    </message>
</context>
<context>
    <name>DaySummary</name>
    <message>
        <source>Units</source>
        <translation>Unidades</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>Trabajadores</translation>
    </message>
    <message>
        <source>Pay</source>
        <translation>Pago</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sesiones</translation>
    </message>
    <message>
        <source>{units} pending</source>
        <translation>{units} pendientes</translation>
    </message>
    <message>
        <source>all on the server</source>
        <translation>todo en el servidor</translation>
    </message>
    <message>
        <source>with at least one record</source>
        <translation>con al menos un registro</translation>
    </message>
    <message>
        <source>units × price, plus bonuses</source>
        <translation>unidades × precio, más bonos</translation>
    </message>
    <message>
        <source>1 open</source>
        <translation>1 abierta</translation>
    </message>
    <message>
        <source>{count} open</source>
        <translation>{count} abiertas</translation>
    </message>
    <message>
        <source>1 closed</source>
        <translation>1 cerrada</translation>
    </message>
    <message>
        <source>{count} closed</source>
        <translation>{count} cerradas</translation>
    </message>
    <message>
        <source>{count} near time limit</source>
        <translation>{count} cerca del límite de tiempo</translation>
    </message>
    <message>
        <source>1 near its time limit</source>
        <translation>1 cerca de su límite de tiempo</translation>
    </message>
    <message>
        <source>1 past its time limit</source>
        <translation>1 fuera de su límite de tiempo</translation>
    </message>
    <message>
        <source>{count} past time limit</source>
        <translation>{count} fuera de su límite de tiempo</translation>
    </message>
</context>
<context>
    <name>DevicesTableModel</name>
    <message>
        <source>Device</source>
        <translation>Dispositivo</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Proyecto</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Visto por última vez</translation>
    </message>
    <message>
        <source>Battery</source>
        <translation>Batería</translation>
    </message>
    <message>
        <source>Signal</source>
        <translation>Señal</translation>
    </message>
    <message>
        <source>Valves</source>
        <translation>Válvulas</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>En línea</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
    <message>
        <source>Silent</source>
        <translation>En silencio</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Desconocido</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>ahora mismo</translation>
    </message>
    <message>
        <source>{seconds} s ago</source>
        <translation>hace {seconds} s</translation>
    </message>
    <message>
        <source>{minutes} min ago</source>
        <translation>hace {minutes} min</translation>
    </message>
    <message>
        <source>{valve} open</source>
        <translation>{valve} abierta</translation>
    </message>
    <message>
        <source>{valve} closed</source>
        <translation>{valve} cerrada</translation>
    </message>
    <message>
        <source>{valve} in fault</source>
        <translation>{valve} con avería</translation>
    </message>
    <message>
        <source>{valve} state unknown</source>
        <translation>{valve} en estado desconocido</translation>
    </message>
</context>
<context>
    <name>DiscardDialog</name>
    <message>
        <source>Discard changes</source>
        <translation>Descartar cambios</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <source>Discard this change? It will not be sent to the server. It stays in the Outbox history with your reason.</source>
        <translation>¿Descartar este cambio? No se enviará al servidor. Queda en el historial de la Bandeja de salida con su motivo.</translation>
    </message>
    <message>
        <source>Discard these {count} changes? They will not be sent to the server. They stay in the Outbox history with your reason.</source>
        <translation>¿Descartar estos {count} cambios? No se enviarán al servidor. Quedan en el historial de la Bandeja de salida con su motivo.</translation>
    </message>
    <message>
        <source>Why? For example: entered twice by mistake</source>
        <translation>¿Por qué? Por ejemplo: anotado dos veces por error</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>Motivo (obligatorio)</translation>
    </message>
</context>
<context>
    <name>EditRecordDialog</name>
    <message>
        <source>Edit and retry</source>
        <translation>Corregir y reintentar</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>Enviar de nuevo</translation>
    </message>
    <message>
        <source>Type a name or an ID from the roster</source>
        <translation>Escriba un nombre o un ID de la plantilla</translation>
    </message>
    <message>
        <source>Find in the roster</source>
        <translation>Buscar en la plantilla</translation>
    </message>
    <message>
        <source>Worker ID</source>
        <translation>ID del trabajador</translation>
    </message>
    <message>
        <source>Worker name</source>
        <translation>Nombre del trabajador</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Unidades</translation>
    </message>
    <message>
        <source>Correct the record and send it again. It keeps its ids, so it can never count twice.</source>
        <translation>Corrija el registro y envíelo de nuevo. Conserva sus identificadores, así que nunca puede contarse dos veces.</translation>
    </message>
</context>
<context>
    <name>EditSessionDialog</name>
    <message>
        <source>Edit session</source>
        <translation>Editar sesión</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Guardar cambios</translation>
    </message>
    <message>
        <source>Edit the session for {sector}</source>
        <translation>Editar la sesión de {sector}</translation>
    </message>
    <message>
        <source>New pay settings apply to every record of the session, past and future.</source>
        <translation>Los nuevos ajustes de pago se aplican a todos los registros de la sesión, pasados y futuros.</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>Nothing has changed: change the unit, price, bonus or notes first.</source>
        <translation>No ha cambiado nada: cambie primero la unidad, el precio, el bono o las notas.</translation>
    </message>
</context>
<context>
    <name>EditValveCommandDialog</name>
    <message>
        <source>Edit and retry</source>
        <translation>Corregir y reintentar</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>Enviar de nuevo</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Send it within</source>
        <translation>Enviarlo en un plazo de</translation>
    </message>
    <message>
        <source>Keep the valve open for</source>
        <translation>Mantener la válvula abierta durante</translation>
    </message>
    <message>
        <source>A valve command is only sent before its deadline, so a late one never surprises anyone in the field. Choose a new deadline to send it again.</source>
        <translation>Una orden de válvula solo se envía antes de su plazo, para que una orden tardía nunca sorprenda a nadie en el campo. Elija un nuevo plazo para enviarla de nuevo.</translation>
    </message>
</context>
<context>
    <name>EditWorkerDialog</name>
    <message>
        <source>Edit and retry</source>
        <translation>Corregir y reintentar</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>Enviar de nuevo</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Apellido</translation>
    </message>
    <message>
        <source>Hire date</source>
        <translation>Fecha de ingreso</translation>
    </message>
    <message>
        <source>The worker ID is made from the initials and the hire date. Correct them and send the worker again; records made for this worker follow the new ID.</source>
        <translation>El ID del trabajador se forma con las iniciales y la fecha de ingreso. Corríjalas y envíe el trabajador de nuevo; los registros hechos para este trabajador pasan al nuevo ID.</translation>
    </message>
</context>
<context>
    <name>EntriesModel</name>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>Trabajador</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Unidades</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Confirmado</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Requiere atención</translation>
    </message>
    <message>
        <source>Void: {reason}</source>
        <translation>Anulación: {reason}</translation>
    </message>
    <message>
        <source>Void entry</source>
        <translation>Anulación</translation>
    </message>
    <message>
        <source>Voided</source>
        <translation>Anulado</translation>
    </message>
    <message>
        <source>⚑ Possible duplicate</source>
        <translation>⚑ Posible duplicado</translation>
    </message>
    <message>
        <source>Saved on this computer; it will be sent to the server when the connection allows.</source>
        <translation>Guardado en este equipo; se enviará al servidor cuando la conexión lo permita.</translation>
    </message>
    <message>
        <source>The server did not take this entry; it waits for a decision in the outbox. Not counted.</source>
        <translation>El servidor no aceptó esta entrada; espera una decisión en la bandeja de salida. No se cuenta.</translation>
    </message>
    <message>
        <source>The same worker had another delivery only seconds before this one.</source>
        <translation>El mismo trabajador tuvo otra entrega apenas unos segundos antes de esta.</translation>
    </message>
</context>
<context>
    <name>EntryChoices</name>
    <message>
        <source>Sending 1 change again.</source>
        <translation>Enviando 1 cambio de nuevo.</translation>
    </message>
    <message>
        <source>Sending {count} changes again.</source>
        <translation>Enviando {count} cambios de nuevo.</translation>
    </message>
    <message>
        <source>Discarded 1 change.</source>
        <translation>Se descartó 1 cambio.</translation>
    </message>
    <message>
        <source>Discarded {count} changes.</source>
        <translation>Se descartaron {count} cambios.</translation>
    </message>
    <message>
        <source>No open session</source>
        <translation>No hay ninguna sesión abierta</translation>
    </message>
    <message>
        <source>There is no open session to move these records to. Open a session for that sector (or another), then try again; or discard the records with a reason.</source>
        <translation>No hay ninguna sesión abierta a la que mover estos registros. Abra una sesión para ese sector (u otro) y vuelva a intentarlo, o descarte los registros con un motivo.</translation>
    </message>
    <message>
        <source>Moved 1 record.</source>
        <translation>Se movió 1 registro.</translation>
    </message>
    <message>
        <source>Moved {count} records.</source>
        <translation>Se movieron {count} registros.</translation>
    </message>
    <message>
        <source>Corrected; sending it again.</source>
        <translation>Corregido; se envía de nuevo.</translation>
    </message>
    <message>
        <source>That could not be done: {reason}</source>
        <translation>No se pudo hacer: {reason}</translation>
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
    <name>ExportFeedback</name>
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
    <message>
        <source>the disk is full; free some space or choose another drive</source>
        <translation>el disco está lleno; libere espacio o elija otra unidad</translation>
    </message>
    <message>
        <source>permission denied; choose another folder, or close the file if another program has it open</source>
        <translation>permiso denegado; elija otra carpeta o cierre el archivo si otro programa lo tiene abierto</translation>
    </message>
    <message>
        <source>the folder does not exist any more; choose another one</source>
        <translation>la carpeta ya no existe; elija otra</translation>
    </message>
</context>
<context>
    <name>ExtendSessionDialog</name>
    <message>
        <source>Extend session</source>
        <translation>Extender sesión</translation>
    </message>
    <message>
        <source>Extend</source>
        <translation>Extender</translation>
    </message>
    <message>
        <source>Extend the session for {sector}</source>
        <translation>Extender la sesión de {sector}</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>New maximum duration in hours</source>
        <translation>Nueva duración máxima en horas</translation>
    </message>
    <message>
        <source>New maximum duration</source>
        <translation>Nueva duración máxima</translation>
    </message>
    <message>
        <source>Now {current} h. With {hours} h it may stay open until {time} ({zone}); at most {limit} h.</source>
        <translation>Ahora {current} h. Con {hours} h puede seguir abierta hasta las {time} ({zone}); como máximo {limit} h.</translation>
    </message>
</context>
<context>
    <name>FarmLoading</name>
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
    <name>FormEditor</name>
    <message>
        <source>latitude, e.g. 19.4326</source>
        <translation>latitud, p. ej. 19.4326</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>Latitud</translation>
    </message>
    <message>
        <source>longitude, e.g. -99.1332</source>
        <translation>longitud, p. ej. -99.1332</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>Longitud</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Dónde</translation>
    </message>
    <message>
        <source>Clear answers</source>
        <translation>Borrar respuestas</translation>
    </message>
    <message>
        <source>Submit (Ctrl+Enter)</source>
        <translation>Enviar (Ctrl+Intro)</translation>
    </message>
    <message>
        <source>Check the answers and save the form here; it is sent to Hydrobit as soon as it can be (Ctrl+Enter)</source>
        <translation>Revise las respuestas y guarde el formulario en este equipo; se envía a Hydrobit en cuanto se pueda (Ctrl+Intro)</translation>
    </message>
    <message>
        <source>{label} *</source>
        <translation>{label} *</translation>
    </message>
    <message>
        <source>Choose a sector…</source>
        <translation>Elija un sector…</translation>
    </message>
    <message>
        <source>Typed coordinates</source>
        <translation>Coordenadas escritas</translation>
    </message>
    <message>
        <source>required</source>
        <translation>obligatoria</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>opcional</translation>
    </message>
    <message>
        <source>latitude ({hint})</source>
        <translation>latitud ({hint})</translation>
    </message>
    <message>
        <source>longitude ({hint})</source>
        <translation>longitud ({hint})</translation>
    </message>
    <message>
        <source>Recorded in {sector}. A point is optional.</source>
        <translation>Se registra en {sector}. El punto es opcional.</translation>
    </message>
    <message>
        <source>Type the latitude and longitude where the form was filled in.</source>
        <translation>Escriba la latitud y la longitud del lugar donde se llenó el formulario.</translation>
    </message>
    <message>
        <source>Recorded in {sector}.</source>
        <translation>Se registra en {sector}.</translation>
    </message>
    <message>
        <source>This point lies outside its boundary.</source>
        <translation>Este punto queda fuera de su límite.</translation>
    </message>
    <message>
        <source>This point lies in {sector}.</source>
        <translation>Este punto está en {sector}.</translation>
    </message>
    <message>
        <source>This point lies outside the sectors of this project; the server will place it.</source>
        <translation>Este punto queda fuera de los sectores de este proyecto; el servidor lo ubicará.</translation>
    </message>
    <message>
        <source>One answer needs fixing: {names}.</source>
        <translation>Hay que corregir una respuesta: {names}.</translation>
    </message>
    <message>
        <source>{count} answers need fixing: {names}.</source>
        <translation>Hay que corregir {count} respuestas: {names}.</translation>
    </message>
    <message>
        <source>Choose the sector where the form was filled in, or type its latitude and longitude.</source>
        <translation>Elija el sector donde se llenó el formulario, o escriba su latitud y longitud.</translation>
    </message>
</context>
<context>
    <name>FormFields</name>
    <message>
        <source>This answer is required.</source>
        <translation>Esta respuesta es obligatoria.</translation>
    </message>
    <message>
        <source>Type a number, for example 12 or 12.5.</source>
        <translation>Escriba un número, por ejemplo 12 o 12,5.</translation>
    </message>
    <message>
        <source>Type a whole number (a count has no decimals).</source>
        <translation>Escriba un número entero (un conteo no lleva decimales).</translation>
    </message>
    <message>
        <source>The smallest value allowed is {limit}{unit}.</source>
        <translation>El valor mínimo permitido es {limit}{unit}.</translation>
    </message>
    <message>
        <source>The largest value allowed is {limit}{unit}.</source>
        <translation>El valor máximo permitido es {limit}{unit}.</translation>
    </message>
    <message>
        <source>Choose a severity (0–4): this pest or disease was seen.</source>
        <translation>Elija una severidad (0–4): se observó esta plaga o enfermedad.</translation>
    </message>
    <message>
        <source>Keep it under {limit} characters.</source>
        <translation>Use menos de {limit} caracteres.</translation>
    </message>
    <message>
        <source>A latitude lies between -90 and 90.</source>
        <translation>La latitud va de -90 a 90.</translation>
    </message>
    <message>
        <source>A longitude lies between -180 and 180.</source>
        <translation>La longitud va de -180 a 180.</translation>
    </message>
    <message>
        <source>Type both the latitude and the longitude, or neither.</source>
        <translation>Escriba la latitud y la longitud, o ninguna de las dos.</translation>
    </message>
    <message>
        <source>The file is empty. Choose another one.</source>
        <translation>El archivo está vacío. Elija otro.</translation>
    </message>
    <message>
        <source>The file is larger than {limit} bytes. Choose a smaller one.</source>
        <translation>El archivo pesa más de {limit} bytes. Elija uno más pequeño.</translation>
    </message>
    <message>
        <source>This kind of file cannot be attached here.</source>
        <translation>Este tipo de archivo no se puede adjuntar aquí.</translation>
    </message>
    <message>
        <source>0 · none</source>
        <translation>0 · nula</translation>
    </message>
    <message>
        <source>1 · low</source>
        <translation>1 · baja</translation>
    </message>
    <message>
        <source>2 · moderate</source>
        <translation>2 · moderada</translation>
    </message>
    <message>
        <source>3 · high</source>
        <translation>3 · alta</translation>
    </message>
    <message>
        <source>4 · very high</source>
        <translation>4 · muy alta</translation>
    </message>
    <message>
        <source>at least {min}</source>
        <translation>mínimo {min}</translation>
    </message>
    <message>
        <source>at most {max}</source>
        <translation>máximo {max}</translation>
    </message>
    <message>
        <source>count</source>
        <translation>conteo</translation>
    </message>
    <message>
        <source>{field}: count</source>
        <translation>{field}: conteo</translation>
    </message>
    <message>
        <source>Severity…</source>
        <translation>Severidad…</translation>
    </message>
    <message>
        <source>{field}: severity</source>
        <translation>{field}: severidad</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elegir…</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Elegir archivo…</translation>
    </message>
    <message>
        <source>No file attached</source>
        <translation>Sin archivo adjunto</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation>Adjuntar un archivo</translation>
    </message>
    <message>
        <source>Recordings ({patterns})</source>
        <translation>Grabaciones ({patterns})</translation>
    </message>
    <message>
        <source>Pictures (*.jpg *.jpeg *.png)</source>
        <translation>Imágenes (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <source>{file} could not be read: {reason}</source>
        <translation>No se pudo leer {file}: {reason}</translation>
    </message>
    <message>
        <source>{file} · {size} KB</source>
        <translation>{file} · {size} KB</translation>
    </message>
</context>
<context>
    <name>FormHistory</name>
    <message>
        <source>Not checked yet</source>
        <translation>Aún sin verificar</translation>
    </message>
    <message>
        <source>Verified in {sector}</source>
        <translation>Verificado en {sector}</translation>
    </message>
    <message>
        <source>In {project}, outside every sector</source>
        <translation>En {project}, fuera de todo sector</translation>
    </message>
    <message>
        <source>Outside every project</source>
        <translation>Fuera de todo proyecto</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Enviado</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Rechazado</translation>
    </message>
    <message>
        <source>Will retry: {problem}</source>
        <translation>Se reintentará: {problem}</translation>
    </message>
    <message>
        <source>No answers (a check-in)</source>
        <translation>Sin respuestas (un registro de visita)</translation>
    </message>
    <message>
        <source>attached</source>
        <translation>adjunto</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sí</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>{count} (severity {grade})</source>
        <translation>{count} (severidad {grade})</translation>
    </message>
</context>
<context>
    <name>FormHistoryModel</name>
    <message>
        <source>Submitted at</source>
        <translation>Hora de envío</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Formulario</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Dónde</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Server&apos;s check</source>
        <translation>Verificación del servidor</translation>
    </message>
    <message>
        <source>Server&apos;s reason</source>
        <translation>Motivo del servidor</translation>
    </message>
</context>
<context>
    <name>FormSubmitting</name>
    <message>
        <source>Sign in again to submit this form.</source>
        <translation>Vuelva a iniciar sesión para enviar este formulario.</translation>
    </message>
    <message>
        <source>The form could not be saved: {reason}</source>
        <translation>No se pudo guardar el formulario: {reason}</translation>
    </message>
    <message>
        <source>Form “{form}” saved for {place}; it is sent as soon as there is a connection.</source>
        <translation>Formulario «{form}» guardado para {place}; se envía en cuanto haya conexión.</translation>
    </message>
</context>
<context>
    <name>Formats</name>
    <message>
        <source>this computer&apos;s time</source>
        <translation>hora de este equipo</translation>
    </message>
    <message>
        <source>{time} ({zone})</source>
        <translation>{time} ({zone})</translation>
    </message>
    <message>
        <source>box</source>
        <translation>caja</translation>
    </message>
    <message>
        <source>boxes</source>
        <translation>cajas</translation>
    </message>
    <message>
        <source>kg</source>
        <translation>kg</translation>
    </message>
    <message>
        <source>ton</source>
        <translation>tonelada</translation>
    </message>
    <message>
        <source>tons</source>
        <translation>toneladas</translation>
    </message>
    <message>
        <source>bucket</source>
        <translation>cubeta</translation>
    </message>
    <message>
        <source>buckets</source>
        <translation>cubetas</translation>
    </message>
    <message>
        <source>crate</source>
        <translation>jaba</translation>
    </message>
    <message>
        <source>crates</source>
        <translation>jabas</translation>
    </message>
    <message>
        <source>bin</source>
        <translation>bin</translation>
    </message>
    <message>
        <source>bins</source>
        <translation>bins</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>unidad</translation>
    </message>
    <message>
        <source>units</source>
        <translation>unidades</translation>
    </message>
</context>
<context>
    <name>FormsPane</name>
    <message>
        <source>Forms</source>
        <translation>Formularios</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Download the forms and tasks from the Hydrobit server (F5)</source>
        <translation>Descargar los formularios y las tareas del servidor de Hydrobit (F5)</translation>
    </message>
    <message>
        <source>Forms to fill in</source>
        <translation>Formularios por llenar</translation>
    </message>
    <message>
        <source>form submissions</source>
        <comment>file name</comment>
        <translation>formularios enviados</translation>
    </message>
    <message>
        <source>Fill in</source>
        <translation>Llenar</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Enviados</translation>
    </message>
    <message>
        <source>Submit the form being filled in</source>
        <translation>Enviar el formulario que se está llenando</translation>
    </message>
    <message>
        <source>Show what this office submitted</source>
        <translation>Ver lo que envió esta oficina</translation>
    </message>
    <message>
        <source>Fill in a form: the list of forms</source>
        <translation>Llenar un formulario: la lista de formularios</translation>
    </message>
    <message>
        <source>Choose a form or a task on the left and answer it; where it was filled in comes from the sector chosen in the navigator, or from a latitude and longitude you type. Ctrl+Enter checks the answers and saves the form on this computer at once; it is sent to Hydrobit when the connection allows, and only once. The Submitted tab shows each form waiting, sent (with the server&apos;s check of its sector) or refused.</source>
        <translation>Elija un formulario o una tarea a la izquierda y respóndalo; el lugar se toma del sector elegido en el navegador, o de la latitud y longitud que escriba. Ctrl+Intro revisa las respuestas y guarda el formulario en este equipo al instante; se envía a Hydrobit cuando la conexión lo permite, y una sola vez. La pestaña Enviados muestra cada formulario en espera, enviado (con la verificación del sector por el servidor) o rechazado.</translation>
    </message>
    <message>
        <source>Switch between filling in and the submitted forms</source>
        <translation>Cambiar entre llenar y los formularios enviados</translation>
    </message>
    <message>
        <source>In the list: choose a form</source>
        <translation>En la lista: elegir un formulario</translation>
    </message>
    <message>
        <source>Monitoring</source>
        <translation>Monitoreo</translation>
    </message>
    <message>
        <source>My tasks</source>
        <translation>Mis tareas</translation>
    </message>
    <message>
        <source>{name} · done</source>
        <translation>{name} · hecha</translation>
    </message>
    <message>
        <source>{name} · due {day}</source>
        <translation>{name} · vence {day}</translation>
    </message>
    <message>
        <source>No forms sent from this computer yet. Fill one in on the Fill in tab.</source>
        <translation>Aún no se ha enviado ningún formulario desde este equipo. Llene uno en la pestaña Llenar.</translation>
    </message>
    <message>
        <source>Submitted ({count})</source>
        <translation>Enviados ({count})</translation>
    </message>
    <message>
        <source>Nothing submitted from this computer yet. Forms you submit are listed here.</source>
        <translation>Todavía no se ha enviado nada desde este equipo. Aquí aparecen los formularios que envíes.</translation>
    </message>
    <message>
        <source>Answers: {answers}</source>
        <translation>Respuestas: {answers}</translation>
    </message>
    <message>
        <source>Server&apos;s check: {check}</source>
        <translation>Verificación del servidor: {check}</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Sin iniciar sesión</translation>
    </message>
    <message>
        <source>Sign in to Hydrobit (File &gt; Sign in) to fill in forms.</source>
        <translation>Inicie sesión en Hydrobit (Archivo &gt; Iniciar sesión) para llenar formularios.</translation>
    </message>
    <message>
        <source>No forms saved on this computer yet</source>
        <translation>Aún no hay formularios guardados en este equipo</translation>
    </message>
    <message>
        <source>Connect to the Hydrobit server and press Refresh (F5) to download the forms and tasks. Once downloaded, they can be filled in offline.</source>
        <translation>Conéctate al servidor de Hydrobit y pulsa Actualizar (F5) para descargar los formularios y las tareas. Una vez descargados, se pueden llenar sin conexión.</translation>
    </message>
    <message>
        <source>Downloading the forms…</source>
        <translation>Descargando los formularios…</translation>
    </message>
    <message>
        <source>1 form</source>
        <translation>1 formulario</translation>
    </message>
    <message>
        <source>{count} forms</source>
        <translation>{count} formularios</translation>
    </message>
    <message>
        <source>never downloaded</source>
        <translation>nunca descargados</translation>
    </message>
    <message>
        <source>downloaded {when}</source>
        <translation>descargados {when}</translation>
    </message>
    <message>
        <source>{count} waiting to be sent</source>
        <translation>{count} en espera de envío</translation>
    </message>
    <message>
        <source>The forms could not be refreshed: {problem} Showing the copy saved on this computer.</source>
        <translation>No se pudieron actualizar los formularios: {problem} Se muestra la copia guardada en este equipo.</translation>
    </message>
    <message>
        <source>Offline: the forms saved on this computer can still be filled in. Submitted forms are kept here and sent, once, when the connection is back.</source>
        <translation>Sin conexión: los formularios guardados en este equipo se pueden seguir llenando. Los enviados se guardan aquí y se mandan, una sola vez, cuando vuelva la conexión.</translation>
    </message>
</context>
<context>
    <name>GeneralPage</name>
    <message>
        <source>Follow the system</source>
        <translation>Seguir al sistema</translation>
    </message>
    <message>
        <source>The new language is used from the next start of HydroDesk.</source>
        <translation>El nuevo idioma se usará desde el próximo inicio de HydroDesk.</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Claro</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Oscuro</translation>
    </message>
    <message>
        <source>High contrast (outdoors, in sunlight)</source>
        <translation>Alto contraste (exteriores, a pleno sol)</translation>
    </message>
    <message>
        <source>Where Help &gt; Check for Updates reads the latest release</source>
        <translation>Donde Ayuda &gt; Buscar actualizaciones consulta la última versión publicada</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>&amp;Tema:</translation>
    </message>
    <message>
        <source>&amp;Release feed:</source>
        <translation>Fuente de &amp;versiones:</translation>
    </message>
    <message>
        <source>General</source>
        <translation>General</translation>
    </message>
    <message>
        <source>The release feed must be an https:// address.</source>
        <translation>La fuente de versiones debe ser una dirección https://.</translation>
    </message>
</context>
<context>
    <name>HarvestCompare</name>
    <message>
        <source>Agrees</source>
        <translation>Coincide</translation>
    </message>
    <message>
        <source>Units differ</source>
        <translation>Las unidades no coinciden</translation>
    </message>
    <message>
        <source>Record count differs</source>
        <translation>El número de registros no coincide</translation>
    </message>
    <message>
        <source>Missing on the server</source>
        <translation>Falta en el servidor</translation>
    </message>
    <message>
        <source>Missing in this office</source>
        <translation>Falta en esta oficina</translation>
    </message>
    <message>
        <source>{records} ({voids} voided)</source>
        <translation>{records} ({voids} anulados)</translation>
    </message>
    <message>
        <source>Includes {units} not yet sent to Hydrobit</source>
        <translation>Incluye {units} aún no enviadas a Hydrobit</translation>
    </message>
</context>
<context>
    <name>HarvestCompareDialog</name>
    <message>
        <source>Compare with Hydrobit</source>
        <translation>Comparar con Hydrobit</translation>
    </message>
    <message>
        <source>{sector} · {day}: the office&apos;s tally beside Hydrobit&apos;s</source>
        <translation>{sector} · {day}: el conteo de la oficina junto al de Hydrobit</translation>
    </message>
    <message>
        <source>server-check</source>
        <comment>file name</comment>
        <translation>comparacion-con-hydrobit</translation>
    </message>
    <message>
        <source>Check again</source>
        <translation>Volver a comprobar</translation>
    </message>
    <message>
        <source>Fetch Hydrobit&apos;s figures again (F5)</source>
        <translation>Volver a traer las cifras de Hydrobit (F5)</translation>
    </message>
    <message>
        <source>Asking Hydrobit…</source>
        <translation>Consultando a Hydrobit…</translation>
    </message>
    <message>
        <source>Fetching the server&apos;s per-worker breakdown of this session.</source>
        <translation>Obteniendo el desglose por trabajador de esta sesión desde el servidor.</translation>
    </message>
    <message>
        <source>Hydrobit has no harvest figures for this session yet. A session just closed may take a moment to appear; press Check again shortly.</source>
        <translation>Hydrobit aún no tiene cifras de cosecha de esta sesión. Una sesión recién cerrada puede tardar un momento en aparecer; pulse Volver a comprobar en breve.</translation>
    </message>
    <message>
        <source>Comparing with the server needs a Hydrobit API key with production read access (read:production). Enter one in the sign-in dialog (File &gt; Sign in to Hydrobit…); your administrator can issue it.</source>
        <translation>Para comparar con el servidor hace falta una clave de API de Hydrobit con acceso de lectura a producción (read:production). Ingrésela en el diálogo de inicio de sesión (Archivo &gt; Iniciar sesión en Hydrobit…); su administrador puede emitirla.</translation>
    </message>
    <message>
        <source>The Hydrobit API key does not allow reading production figures (read:production). Ask your administrator for a key that does.</source>
        <translation>La clave de API de Hydrobit no permite leer cifras de producción (read:production). Pida a su administrador una clave que lo permita.</translation>
    </message>
    <message>
        <source>Hydrobit cannot be reached, and the comparison needs its figures. The office&apos;s own tally is unaffected. Press Check again (F5) once the connection is back.</source>
        <translation>No se puede contactar a Hydrobit y la comparación necesita sus cifras. El conteo de la oficina no se ve afectado. Pulse Volver a comprobar (F5) cuando vuelva la conexión.</translation>
    </message>
    <message>
        <source>No comparison yet</source>
        <translation>Aún no hay comparación</translation>
    </message>
    <message>
        <source>Office {local} · Hydrobit {server}</source>
        <translation>Oficina {local} · Hydrobit {server}</translation>
    </message>
    <message>
        <source>Every worker agrees.</source>
        <translation>Todos los trabajadores coinciden.</translation>
    </message>
    <message>
        <source>1 worker differs: listed first and highlighted.</source>
        <translation>1 trabajador no coincide: aparece primero y resaltado.</translation>
    </message>
    <message>
        <source>{count} workers differ: listed first and highlighted.</source>
        <translation>{count} trabajadores no coinciden: aparecen primero y resaltados.</translation>
    </message>
    <message>
        <source>Quality (graded by Hydrobit): {grades}</source>
        <translation>Calidad (clasificada por Hydrobit): {grades}</translation>
    </message>
    <message>
        <source>Hydrobit has not graded this session&apos;s quality yet.</source>
        <translation>Hydrobit aún no ha clasificado la calidad de esta sesión.</translation>
    </message>
</context>
<context>
    <name>HeatmapModel</name>
    <message>
        <source>Sector</source>
        <translation>Sector</translation>
    </message>
    <message>
        <source>Any pest</source>
        <translation>Cualquier plaga</translation>
    </message>
    <message>
        <source>any pest or disease</source>
        <translation>cualquier plaga o enfermedad</translation>
    </message>
    <message>
        <source>{sector} · {what}: not scouted in this range</source>
        <translation>{sector} · {what}: sin monitoreo en este período</translation>
    </message>
    <message>
        <source>{sector} · {what}: {verdict}. Incidence {incidence}, severity {severity} (1 point)</source>
        <translation>{sector} · {what}: {verdict}. Incidencia {incidence}, severidad {severity} (1 punto)</translation>
    </message>
    <message>
        <source>{sector} · {what}: {verdict}. Incidence {incidence}, severity {severity} ({count} points)</source>
        <translation>{sector} · {what}: {verdict}. Incidencia {incidence}, severidad {severity} ({count} puntos)</translation>
    </message>
</context>
<context>
    <name>ImportSheetDialog</name>
    <message>
        <source>Import tally sheet</source>
        <translation>Importar hoja de conteo</translation>
    </message>
    <message>
        <source>Import a paper tally sheet</source>
        <translation>Importar una hoja de conteo en papel</translation>
    </message>
    <message>
        <source>Into {sector} · {day} · units in {unit} · times in {zone}</source>
        <translation>En {sector} · {day} · unidades en {unit} · horas en {zone}</translation>
    </message>
    <message>
        <source>A CSV or Excel file whose first row names the columns: worker_id or the worker&apos;s name, units, and optionally the time of each delivery (like 14:30, on the session&apos;s day, in the farm&apos;s time zone).</source>
        <translation>Un archivo CSV o Excel cuya primera fila nombra las columnas: worker_id o el nombre del trabajador, unidades y, si se quiere, la hora de cada entrega (como 14:30, del día de la sesión, en la zona horaria de la finca).</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>Elegir archivo…</translation>
    </message>
    <message>
        <source>Open a CSV or Excel tally sheet (Ctrl+O)</source>
        <translation>Abrir una hoja de conteo CSV o Excel (Ctrl+O)</translation>
    </message>
    <message>
        <source>No file chosen yet.</source>
        <translation>Aún no se eligió ningún archivo.</translation>
    </message>
    <message>
        <source>Download template…</source>
        <translation>Descargar plantilla…</translation>
    </message>
    <message>
        <source>Save an empty sheet with the columns this import reads</source>
        <translation>Guardar una hoja vacía con las columnas que lee esta importación</translation>
    </message>
    <message>
        <source>tally-sheet-ready</source>
        <comment>file name</comment>
        <translation>hoja-de-conteo-lista</translation>
    </message>
    <message>
        <source>tally-sheet-rejected</source>
        <comment>file name</comment>
        <translation>hoja-de-conteo-rechazadas</translation>
    </message>
    <message>
        <source>tally-sheet-already-imported</source>
        <comment>file name</comment>
        <translation>hoja-de-conteo-ya-importadas</translation>
    </message>
    <message>
        <source>This is a different sheet: record its rows even where they match rows imported before</source>
        <translation>Es otra hoja: registrar sus filas aunque coincidan con filas importadas antes</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importar</translation>
    </message>
    <message>
        <source>Choose a tally sheet</source>
        <translation>Elegir una hoja de conteo</translation>
    </message>
    <message>
        <source>Tally sheets (*.csv *.xlsx *.txt)</source>
        <translation>Hojas de conteo (*.csv *.xlsx *.txt)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Save tally sheet template</source>
        <translation>Guardar plantilla de hoja de conteo</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Libros de Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>tally-sheet-template</source>
        <comment>file name</comment>
        <translation>plantilla-hoja-de-conteo</translation>
    </message>
    <message>
        <source>The template could not be saved to {path}: {reason}</source>
        <translation>No se pudo guardar la plantilla en {path}: {reason}</translation>
    </message>
    <message>
        <source>Template saved to {path}. Fill in one row per delivery and import it.</source>
        <translation>Plantilla guardada en {path}. Llene una fila por entrega e impórtela.</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>Leyendo {name}…</translation>
    </message>
    <message>
        <source>Every row of this sheet is in the session already: it was imported before. Nothing to do.</source>
        <translation>Todas las filas de esta hoja ya están en la sesión: se importó antes. No hay nada que hacer.</translation>
    </message>
    <message>
        <source>1 worker</source>
        <translation>1 trabajador</translation>
    </message>
    <message>
        <source>{count} workers</source>
        <translation>{count} trabajadores</translation>
    </message>
    <message>
        <source>1 row ready to record ({amount})</source>
        <translation>1 fila lista para registrar ({amount})</translation>
    </message>
    <message>
        <source>{count} rows ready to record ({amount}, {workers})</source>
        <translation>{count} filas listas para registrar ({amount}, {workers})</translation>
    </message>
    <message>
        <source>1 row recorded. It counts in the tally now and is sent to Hydrobit as soon as the connection allows.</source>
        <translation>1 fila registrada. Ya cuenta en el conteo y se envía a Hydrobit en cuanto la conexión lo permita.</translation>
    </message>
    <message>
        <source>{count} rows recorded. They count in the tally now and are sent to Hydrobit as soon as the connection allows.</source>
        <translation>{count} filas registradas. Ya cuentan en el conteo y se envían a Hydrobit en cuanto la conexión lo permita.</translation>
    </message>
    <message>
        <source>1 row refused: see why on the Refused tab</source>
        <translation>1 fila rechazada: vea el motivo en la pestaña Rechazadas</translation>
    </message>
    <message>
        <source>{count} rows refused: see why on the Refused tab</source>
        <translation>{count} filas rechazadas: vea el motivo en la pestaña Rechazadas</translation>
    </message>
    <message>
        <source>1 row imported before, left out</source>
        <translation>1 fila importada antes, omitida</translation>
    </message>
    <message>
        <source>{count} rows imported before, left out</source>
        <translation>{count} filas importadas antes, omitidas</translation>
    </message>
    <message>
        <source>Ready ({count})</source>
        <translation>Listas ({count})</translation>
    </message>
    <message>
        <source>Refused ({count})</source>
        <translation>Rechazadas ({count})</translation>
    </message>
    <message>
        <source>Imported before ({count})</source>
        <translation>Importadas antes ({count})</translation>
    </message>
    <message>
        <source>Import 1 row</source>
        <translation>Importar 1 fila</translation>
    </message>
    <message>
        <source>Import {count} rows</source>
        <translation>Importar {count} filas</translation>
    </message>
    <message>
        <source>Recording 1 row…</source>
        <translation>Registrando 1 fila…</translation>
    </message>
    <message>
        <source>Recording {count} rows…</source>
        <translation>Registrando {count} filas…</translation>
    </message>
    <message>
        <source>1 row had been imported before and was left out.</source>
        <translation>1 fila ya se había importado antes y se omitió.</translation>
    </message>
    <message>
        <source>{count} rows had been imported before and were left out.</source>
        <translation>{count} filas ya se habían importado antes y se omitieron.</translation>
    </message>
    <message>
        <source>1 row could not be saved on this computer (row {rows}); import the sheet again.</source>
        <translation>1 fila no se pudo guardar en esta computadora (fila {rows}); importe la hoja de nuevo.</translation>
    </message>
    <message>
        <source>{count} rows could not be saved on this computer (rows {rows}); import the sheet again.</source>
        <translation>{count} filas no se pudieron guardar en esta computadora (filas {rows}); importe la hoja de nuevo.</translation>
    </message>
    <message>
        <source>{name} could not be opened. Check that the file still exists.</source>
        <translation>No se pudo abrir {name}. Compruebe que el archivo todavía exista.</translation>
    </message>
    <message>
        <source>{name} is too large to be a day&apos;s tally sheet (over 20 MB).</source>
        <translation>{name} es demasiado grande para ser la hoja de conteo de un día (más de 20 MB).</translation>
    </message>
    <message>
        <source>{name} is not an Excel workbook HydroDesk can read. Save it as .xlsx or CSV and try again.</source>
        <translation>{name} no es un libro de Excel que HydroDesk pueda leer. Guárdelo como .xlsx o CSV e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>{name} is not a text CSV file. Save the sheet as CSV or .xlsx.</source>
        <translation>{name} no es un archivo CSV de texto. Guarde la hoja como CSV o .xlsx.</translation>
    </message>
    <message>
        <source>{name} is not a CSV or Excel (.xlsx) file.</source>
        <translation>{name} no es un archivo CSV ni de Excel (.xlsx).</translation>
    </message>
</context>
<context>
    <name>Interlocks</name>
    <message>
        <source>1 valve of this project is already open ({valves}); at most {limit} may be open at once.</source>
        <translation>Ya hay 1 válvula abierta en este proyecto ({valves}); como máximo puede haber {limit} abierta a la vez.</translation>
    </message>
    <message>
        <source>{count} valves of this project are already open ({valves}); at most {limit} may be open at once.</source>
        <translation>Ya hay {count} válvulas abiertas en este proyecto ({valves}); como máximo pueden estar abiertas {limit} a la vez.</translation>
    </message>
    <message>
        <source>Line pressure is {value} bar, below the {limit} bar needed to open a valve.</source>
        <translation>La presión de la línea es de {value} bar, por debajo de los {limit} bar necesarios para abrir una válvula.</translation>
    </message>
    <message>
        <source>The line pressure is not known yet (no reading from the device).</source>
        <translation>Aún no se conoce la presión de la línea (no hay lectura del dispositivo).</translation>
    </message>
    <message>
        <source>The valve&apos;s device is offline: the command waits until it is back or the delivery time runs out.</source>
        <translation>El dispositivo de la válvula está sin conexión: el comando espera hasta que vuelva o se agote el plazo de entrega.</translation>
    </message>
    <message>
        <source>This valve belongs to a running program ({programs}): the program may open or close it later.</source>
        <translation>Esta válvula pertenece a un programa en marcha ({programs}): el programa puede abrirla o cerrarla más tarde.</translation>
    </message>
</context>
<context>
    <name>Irrigation</name>
    <message>
        <source>Open {minutes} min</source>
        <translation>Abrir {minutes} min</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>pendiente</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>enviado</translation>
    </message>
    <message>
        <source>acked</source>
        <translation>recibido</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>confirmado</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fallido</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>caducado</translation>
    </message>
    <message>
        <source>Last {days} days: {total} m³ · runs: {runs} · manual: {manual} · by sector: {sectors}</source>
        <translation>Últimos {days} días: {total} m³ · riegos: {runs} · manuales: {manual} · por sector: {sectors}</translation>
    </message>
    <message>
        <source>No flow while open</source>
        <translation>Sin caudal estando abierta</translation>
    </message>
    <message>
        <source>Leak: flow while closed</source>
        <translation>Fuga: caudal estando cerrada</translation>
    </message>
    <message>
        <source>Flow below the expected range</source>
        <translation>Caudal por debajo del rango esperado</translation>
    </message>
    <message>
        <source>Flow above the expected range</source>
        <translation>Caudal por encima del rango esperado</translation>
    </message>
    <message>
        <source>Line pressure low</source>
        <translation>Presión de línea baja</translation>
    </message>
    <message>
        <source>Line pressure high</source>
        <translation>Presión de línea alta</translation>
    </message>
    <message>
        <source>Device offline</source>
        <translation>Dispositivo sin conexión</translation>
    </message>
    <message>
        <source>Battery low</source>
        <translation>Batería baja</translation>
    </message>
    <message>
        <source>Close not confirmed</source>
        <translation>Cierre sin confirmar</translation>
    </message>
    <message>
        <source>Command acknowledged but not carried out</source>
        <translation>Comando aceptado pero no ejecutado</translation>
    </message>
    <message>
        <source>Server says done, the flow says otherwise</source>
        <translation>El servidor lo da por hecho, el caudal dice otra cosa</translation>
    </message>
</context>
<context>
    <name>IrrigationActions</name>
    <message>
        <source>{valve}: the field confirms it is open</source>
        <translation>{valve}: el campo confirma que está abierta</translation>
    </message>
    <message>
        <source>{valve}: the field confirms it is closed</source>
        <translation>{valve}: el campo confirma que está cerrada</translation>
    </message>
    <message>
        <source>“{name}”: in the outbox until the connection is back</source>
        <translation>«{name}»: en la bandeja de salida hasta que vuelva la conexión</translation>
    </message>
    <message>
        <source>Started “{name}”</source>
        <translation>«{name}» iniciado</translation>
    </message>
    <message>
        <source>Stopped “{name}”</source>
        <translation>«{name}» detenido</translation>
    </message>
    <message>
        <source>“{name}” was not changed: the connection did not return in time</source>
        <translation>«{name}» no se modificó: la conexión no volvió a tiempo</translation>
    </message>
    <message>
        <source>“{name}” was not changed: {reason}</source>
        <translation>«{name}» no se modificó: {reason}</translation>
    </message>
</context>
<context>
    <name>IrrigationPage</name>
    <message>
        <source>HydroDesk checks these before it sends an open command, and raises an alarm when a line&apos;s pressure stays outside them. Set them to what the farm&apos;s pumps and lines are built for.</source>
        <translation>HydroDesk revisa estos límites antes de enviar una orden de apertura, y da una alarma cuando la presión de una línea se mantiene fuera de ellos. Ajústelos a lo que soportan las bombas y las líneas del campo.</translation>
    </message>
    <message>
        <source>Limits of the project {project}</source>
        <translation>Límites del proyecto {project}</translation>
    </message>
    <message>
        <source>Limits for projects that have none of their own</source>
        <translation>Límites para los proyectos que no tienen los suyos</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Valves open at once, per project (at most):</source>
        <translation>Válvulas abiertas a la vez, por proyecto (como máximo):</translation>
    </message>
    <message>
        <source>Lowest line pressure (no opening below it; low-pressure alarm):</source>
        <translation>Presión mínima de línea (no se abre por debajo; alarma de baja presión):</translation>
    </message>
    <message>
        <source>Highest line pressure (high-pressure alarm):</source>
        <translation>Presión máxima de línea (alarma de alta presión):</translation>
    </message>
    <message>
        <source>An alarm is raised when a condition lasts:</source>
        <translation>Se da la alarma cuando la condición dura:</translation>
    </message>
    <message>
        <source>An opened valve whose flow this office does not see within this time raises an alarm:</source>
        <translation>Una válvula abierta cuyo caudal esta oficina no ve dentro de este tiempo genera una alarma:</translation>
    </message>
    <message>
        <source> bar</source>
        <translation> bar</translation>
    </message>
    <message>
        <source>Irrigation</source>
        <translation>Riego</translation>
    </message>
    <message>
        <source>The lowest line pressure must be below the highest.</source>
        <translation>La presión mínima de línea debe ser menor que la máxima.</translation>
    </message>
</context>
<context>
    <name>IrrigationView</name>
    <message>
        <source>Irrigation</source>
        <translation>Riego</translation>
    </message>
    <message>
        <source>Show alarms</source>
        <translation>Ver alarmas</translation>
    </message>
    <message>
        <source>valves</source>
        <comment>file name</comment>
        <translation>válvulas</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>A&amp;brir…</translation>
    </message>
    <message>
        <source>Open the selected valve for a number of minutes (Alt+O)</source>
        <translation>Abrir la válvula seleccionada durante unos minutos (Alt+A)</translation>
    </message>
    <message>
        <source>C&amp;lose…</source>
        <translation>&amp;Cerrar…</translation>
    </message>
    <message>
        <source>Close the selected valve (Alt+L)</source>
        <translation>Cerrar la válvula seleccionada (Alt+C)</translation>
    </message>
    <message>
        <source>valve-commands</source>
        <comment>file name</comment>
        <translation>comandos-de-válvulas</translation>
    </message>
    <message>
        <source>No valve commands from this computer in this session. Select a valve above and press Open…</source>
        <translation>Ningún comando de válvula desde este equipo en esta sesión. Seleccione una válvula arriba y pulse Abrir…</translation>
    </message>
    <message>
        <source>COMMANDS THIS SESSION</source>
        <translation>COMANDOS DE ESTA SESIÓN</translation>
    </message>
    <message>
        <source>programs</source>
        <comment>file name</comment>
        <translation>programas</translation>
    </message>
    <message>
        <source>&amp;Start program…</source>
        <translation>Iniciar &amp;programa…</translation>
    </message>
    <message>
        <source>S&amp;top program…</source>
        <translation>&amp;Detener programa…</translation>
    </message>
    <message>
        <source>irrigation-logs</source>
        <comment>file name</comment>
        <translation>registros-de-riego</translation>
    </message>
    <message>
        <source>Valves</source>
        <translation>Válvulas</translation>
    </message>
    <message>
        <source>Programs</source>
        <translation>Programas</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Registros</translation>
    </message>
    <message>
        <source>Alarms</source>
        <translation>Alarmas</translation>
    </message>
    <message>
        <source>Each valve shows what was commanded and what the field reports, side by side. Open or close the selected valve behind a confirmation; an open command always has a duration, and the command is followed until the field&apos;s telemetry confirms it. Programs, logs and alarms are on the other tabs (Ctrl+Tab).</source>
        <translation>Cada válvula muestra lo ordenado y lo que informa el campo, lado a lado. Abra o cierre la válvula seleccionada tras una confirmación; una orden de apertura siempre lleva una duración, y se sigue la orden hasta que la telemetría del campo la confirma. Los programas, los registros y las alarmas están en las otras pestañas (Ctrl+Tab).</translation>
    </message>
    <message>
        <source>Offline: showing the valves, programs and logs saved on this computer at {when}. Commands you confirm are kept and sent when the connection is back.</source>
        <translation>Sin conexión: se muestran las válvulas, programas y registros guardados en este equipo a las {when}. Los comandos que confirme se guardan y se envían cuando vuelva la conexión.</translation>
    </message>
    <message>
        <source>Offline: showing the valves, programs and logs saved on this computer (when is not known). Commands you confirm are kept and sent when the connection is back.</source>
        <translation>Sin conexión: se muestran las válvulas, programas y registros guardados en este equipo (no se sabe de cuándo). Los comandos que confirme se guardan y se envían cuando vuelva la conexión.</translation>
    </message>
    <message>
        <source>The valves could not be loaded</source>
        <translation>No se pudieron cargar las válvulas</translation>
    </message>
    <message>
        <source>{message} Nothing is saved on this computer yet; press F5 to try again.</source>
        <translation>{message} Aún no hay nada guardado en este equipo; pulse F5 para reintentar.</translation>
    </message>
    <message>
        <source>Live data off</source>
        <translation>Datos en vivo apagados</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>En vivo</translation>
    </message>
    <message>
        <source>Live data reconnecting…</source>
        <translation>Reconectando datos en vivo…</translation>
    </message>
    <message>
        <source>Alarms ({count})</source>
        <translation>Alarmas ({count})</translation>
    </message>
    <message>
        <source>1 alarm needs attention: {what}</source>
        <translation>1 alarma requiere atención: {what}</translation>
    </message>
    <message>
        <source>{count} alarms need attention; newest: {what}</source>
        <translation>{count} alarmas requieren atención; la más reciente: {what}</translation>
    </message>
    <message>
        <source>Choose a project or sector in the navigator.</source>
        <translation>Elija un proyecto o un sector en el navegador.</translation>
    </message>
    <message>
        <source>Irrigation — {where}</source>
        <translation>Riego — {where}</translation>
    </message>
    <message>
        <source>1 valve</source>
        <translation>1 válvula</translation>
    </message>
    <message>
        <source>{valves} valves</source>
        <translation>{valves} válvulas</translation>
    </message>
    <message>
        <source>1 open</source>
        <translation>1 abierta</translation>
    </message>
    <message>
        <source>{open} open</source>
        <translation>{open} abiertas</translation>
    </message>
    <message>
        <source>{valves} · {open} · at most {limit} open at once per project</source>
        <translation>{valves} · {open} · como máximo {limit} abiertas a la vez por proyecto</translation>
    </message>
    <message>
        <source>running: {programs}</source>
        <translation>en marcha: {programs}</translation>
    </message>
    <message>
        <source>times in {zone}</source>
        <translation>horas en {zone}</translation>
    </message>
    <message>
        <source>{valve} in {sector} is open in the field.</source>
        <translation>{valve} en {sector} está abierta en el campo.</translation>
    </message>
    <message>
        <source>{valve} in {sector} is closed in the field.</source>
        <translation>{valve} en {sector} está cerrada en el campo.</translation>
    </message>
    <message>
        <source>{valve} in {sector} reports a fault.</source>
        <translation>{valve} en {sector} informa de una avería.</translation>
    </message>
    <message>
        <source>{valve} in {sector}: the field has not reported its state.</source>
        <translation>{valve} en {sector}: el campo aún no ha informado de su estado.</translation>
    </message>
    <message>
        <source>Commanded open until {time}.</source>
        <translation>Se ordenó abrirla hasta las {time}.</translation>
    </message>
    <message>
        <source>Commanded open.</source>
        <translation>Se ordenó abrirla.</translation>
    </message>
    <message>
        <source>Commanded closed.</source>
        <translation>Se ordenó cerrarla.</translation>
    </message>
    <message>
        <source>No command yet.</source>
        <translation>Aún no se le ha dado ninguna orden.</translation>
    </message>
    <message>
        <source>Select a valve to open or close it.</source>
        <translation>Seleccione una válvula para abrirla o cerrarla.</translation>
    </message>
</context>
<context>
    <name>LastEntryCard</name>
    <message>
        <source>Undo</source>
        <translation>Deshacer</translation>
    </message>
    <message>
        <source>Void the last entry as an entry mistake (Ctrl+Z)</source>
        <translation>Anular la última entrada como error de captura (Ctrl+Z)</translation>
    </message>
    <message>
        <source>Ready for the next entry</source>
        <translation>Listo para la siguiente entrada</translation>
    </message>
    <message>
        <source>Each entry you record shows here, with Ctrl+Z to undo it.</source>
        <translation>Cada entrada que registre aparece aquí; Ctrl+Z la deshace.</translation>
    </message>
    <message>
        <source>{units} · {name}</source>
        <translation>{units} · {name}</translation>
    </message>
    <message>
        <source>{id} · recorded {time} · Ctrl+Z undoes it</source>
        <translation>{id} · registrada a las {time} · Ctrl+Z la deshace</translation>
    </message>
    <message>
        <source>Undone: {units} · {name}</source>
        <translation>Deshecha: {units} · {name}</translation>
    </message>
    <message>
        <source>Voided as “{reason}”; the ledger keeps both lines.</source>
        <translation>Anulada como «{reason}»; el registro conserva ambas líneas.</translation>
    </message>
</context>
<context>
    <name>LiveTelemetry</name>
    <message>
        <source>HydroDesk could not store the history.</source>
        <translation>HydroDesk no pudo guardar el historial.</translation>
    </message>
</context>
<context>
    <name>LogsModel</name>
    <message>
        <source>Started</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Valve</source>
        <translation>Válvula</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Sector</translation>
    </message>
    <message>
        <source>Volume (L)</source>
        <translation>Volumen (L)</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Programa</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Por</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manual</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Sign in to Hydrobit…</source>
        <translation>&amp;Iniciar sesión en Hydrobit…</translation>
    </message>
    <message>
        <source>&amp;Sign in to another account…</source>
        <translation>&amp;Iniciar sesión con otra cuenta…</translation>
    </message>
    <message>
        <source>Sign in to your Hydrobit account to see your farm, or explore the demo farm: a farm at work, kept on this computer, where nothing reaches Hydrobit.</source>
        <translation>Inicie sesión en su cuenta de Hydrobit para ver su finca, o explore la finca de demostración: una finca en plena actividad, guardada en esta computadora, donde nada llega a Hydrobit.</translation>
    </message>
    <message>
        <source>Sign in…</source>
        <translation>Iniciar sesión…</translation>
    </message>
    <message>
        <source>Explore the demo farm</source>
        <translation>Explorar la finca de demostración</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Sin iniciar sesión</translation>
    </message>
</context>
<context>
    <name>MapColouring</name>
    <message>
        <source>SCOUTING POINTS ({count})</source>
        <translation>PUNTOS DE MONITOREO ({count})</translation>
    </message>
    <message>
        <source>Point at a dot to read its record.</source>
        <translation>Pase el mouse sobre un punto para leer su registro.</translation>
    </message>
    <message>
        <source>No scouting in this range.</source>
        <translation>Sin monitoreo en este periodo.</translation>
    </message>
    <message>
        <source>SCOUTING POINT</source>
        <translation>PUNTO DE MONITOREO</translation>
    </message>
    <message>
        <source>Worst pest or disease</source>
        <translation>Peor plaga o enfermedad</translation>
    </message>
    <message>
        <source>Pest</source>
        <translation>Plaga</translation>
    </message>
    <message>
        <source>Soil moisture at 30 cm</source>
        <translation>Humedad del suelo a 30 cm</translation>
    </message>
    <message>
        <source>Valves of the sector</source>
        <translation>Válvulas del sector</translation>
    </message>
    <message>
        <source>Verdicts by the action thresholds of each pest.</source>
        <translation>Veredictos según los umbrales de acción de cada plaga.</translation>
    </message>
    <message>
        <source>Labels show the share of sampling points where it was found.</source>
        <translation>Las etiquetas muestran el porcentaje de puntos de muestreo donde se encontró.</translation>
    </message>
    <message>
        <source>The newest reading of the last 36 hours.</source>
        <translation>La lectura más reciente de las últimas 36 horas.</translation>
    </message>
    <message>
        <source>What the field reports, not what was commanded.</source>
        <translation>Lo que informa el campo, no lo que se ordenó.</translation>
    </message>
</context>
<context>
    <name>MapLoading</name>
    <message>
        <source>Offline: showing what this computer saved at {when}. {reason} Press F5 to try again.</source>
        <translation>Sin conexión: se muestra lo que este equipo guardó a las {when}. {reason} Pulse F5 para reintentar.</translation>
    </message>
    <message>
        <source>Could not fetch this layer: {reason} Nothing is saved on this computer yet; press F5 to try again.</source>
        <translation>No se pudo obtener esta capa: {reason} Este equipo aún no tiene nada guardado; pulse F5 para reintentar.</translation>
    </message>
    <message>
        <source>Data as of {when}.</source>
        <translation>Datos a las {when}.</translation>
    </message>
    <message>
        <source>Sign in to colour the map with scouting, moisture and irrigation.</source>
        <translation>Inicie sesión para colorear el mapa con monitoreo, humedad y riego.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
</context>
<context>
    <name>MapPane</name>
    <message>
        <source>&amp;Layer:</source>
        <translation>&amp;Capa:</translation>
    </message>
    <message>
        <source>&amp;Pest:</source>
        <translation>&amp;Plaga:</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 días</translation>
    </message>
    <message>
        <source>Scouting of the last 7 days, today included</source>
        <translation>Monitoreo de los últimos 7 días, hoy incluido</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Este mes</translation>
    </message>
    <message>
        <source>Scouting since the first of the month</source>
        <translation>Monitoreo desde el primero del mes</translation>
    </message>
    <message>
        <source>90 days</source>
        <translation>90 días</translation>
    </message>
    <message>
        <source>Scouting of the last 90 days</source>
        <translation>Monitoreo de los últimos 90 días</translation>
    </message>
    <message>
        <source>F&amp;it</source>
        <translation>A&amp;justar</translation>
    </message>
    <message>
        <source>Show every sector (Ctrl+0)</source>
        <translation>Mostrar todos los sectores (Ctrl+0)</translation>
    </message>
    <message>
        <source>E&amp;xport PNG…</source>
        <translation>E&amp;xportar PNG…</translation>
    </message>
    <message>
        <source>Save the map as it is shown as a PNG image</source>
        <translation>Guardar el mapa tal como se ve, como imagen PNG</translation>
    </message>
    <message>
        <source>Fit every sector in the map</source>
        <translation>Ajustar el mapa a todos los sectores</translation>
    </message>
    <message>
        <source>Zoom the map in</source>
        <translation>Acercar el mapa</translation>
    </message>
    <message>
        <source>Zoom the map out</source>
        <translation>Alejar el mapa</translation>
    </message>
    <message>
        <source>Put the keyboard on the map</source>
        <translation>Llevar el teclado al mapa</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Mapa</translation>
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
        <source>Loading…</source>
        <translation>Cargando…</translation>
    </message>
    <message>
        <source>The selected project&apos;s sectors, drawn from their boundaries and coloured by the chosen layer: the scouting verdict, one pest&apos;s incidence, soil moisture or irrigation. Dots are scouting points; point at one to read its record. Click a sector (or Tab to it and press Enter) to select it in the navigator; double-click it to open it. Drag or use the arrow keys to move, the wheel or +/- to zoom.</source>
        <translation>Los sectores del proyecto seleccionado, dibujados según sus límites y coloreados por la capa elegida: el veredicto del monitoreo, la incidencia de una plaga, la humedad del suelo o el riego. Los puntos son puntos de monitoreo; pase el mouse sobre uno para leer su registro. Haga clic en un sector (o llegue a él con Tab y pulse Intro) para seleccionarlo en el navegador; haga doble clic para abrirlo. Arrastre o use las flechas para moverse, la rueda o +/- para acercar o alejar.</translation>
    </message>
    <message>
        <source>Map of {project}</source>
        <translation>Mapa de {project}</translation>
    </message>
    <message>
        <source>{count} sectors</source>
        <translation>{count} sectores</translation>
    </message>
    <message>
        <source>1 sector</source>
        <translation>1 sector</translation>
    </message>
    <message>
        <source>{count} · {missing} without a boundary</source>
        <translation>{count} · {missing} sin límites</translation>
    </message>
    <message>
        <source>No sector boundaries</source>
        <translation>Sectores sin límites</translation>
    </message>
    <message>
        <source>The sectors of {project} have no boundary on the server yet, so there is nothing to draw. Ask the platform&apos;s administrator to draw them, then press F5.</source>
        <translation>Los sectores de {project} aún no tienen límites en el servidor, así que no hay nada que dibujar. Pida al administrador de la plataforma que los dibuje y luego pulse F5.</translation>
    </message>
    <message>
        <source>There is no map to export: choose a project with sector boundaries.</source>
        <translation>No hay mapa que exportar: elija un proyecto con sectores delimitados.</translation>
    </message>
    <message>
        <source>Export map</source>
        <translation>Exportar mapa</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Imágenes PNG (*.png)</translation>
    </message>
    <message>
        <source>map</source>
        <comment>file name</comment>
        <translation>mapa</translation>
    </message>
    <message>
        <source>Could not save the map to {path}</source>
        <translation>No se pudo guardar el mapa en {path}</translation>
    </message>
    <message>
        <source>Saved the map to {path}</source>
        <translation>Mapa guardado en {path}</translation>
    </message>
    <message>
        <source>Scouting verdict</source>
        <translation>Veredicto del monitoreo</translation>
    </message>
    <message>
        <source>Incidence of a pest</source>
        <translation>Incidencia de una plaga</translation>
    </message>
    <message>
        <source>Soil moisture</source>
        <translation>Humedad del suelo</translation>
    </message>
    <message>
        <source>Irrigation</source>
        <translation>Riego</translation>
    </message>
</context>
<context>
    <name>Metrics</name>
    <message>
        <source>Flow (L/min)</source>
        <translation>Caudal (L/min)</translation>
    </message>
    <message>
        <source>Pressure (bar)</source>
        <translation>Presión (bar)</translation>
    </message>
    <message>
        <source>Soil moisture (%)</source>
        <translation>Humedad del suelo (%)</translation>
    </message>
    <message>
        <source>Battery (%)</source>
        <translation>Batería (%)</translation>
    </message>
    <message>
        <source>Percent (%)</source>
        <translation>Porcentaje (%)</translation>
    </message>
    <message>
        <source>Temperature (°C)</source>
        <translation>Temperatura (°C)</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>Caudal</translation>
    </message>
    <message>
        <source>Flow {valve}</source>
        <translation>Caudal {valve}</translation>
    </message>
    <message>
        <source>Pressure</source>
        <translation>Presión</translation>
    </message>
    <message>
        <source>Soil moisture {depth} cm</source>
        <translation>Humedad del suelo {depth} cm</translation>
    </message>
    <message>
        <source>Battery</source>
        <translation>Batería</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>Move records</source>
        <translation>Mover registros</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>Mover</translation>
    </message>
    <message>
        <source>Move this record to a session that is still open. It keeps its id, so it can never count twice.</source>
        <translation>Mueva este registro a una sesión que siga abierta. Conserva su identificador, así que nunca puede contarse dos veces.</translation>
    </message>
    <message>
        <source>Move these {count} records to a session that is still open. They keep their ids, so they can never count twice.</source>
        <translation>Mueva estos {count} registros a una sesión que siga abierta. Conservan sus identificadores, así que nunca pueden contarse dos veces.</translation>
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
    <message>
        <source>Open timeline</source>
        <translation>Abrir línea de tiempo</translation>
    </message>
</context>
<context>
    <name>OfficeSync</name>
    <message>
        <source>S&amp;ync Now</source>
        <translation>Sin&amp;cronizar ahora</translation>
    </message>
    <message>
        <source>Send the changes waiting here and fetch the latest data (Ctrl+Shift+S)</source>
        <translation>Enviar los cambios pendientes y obtener los datos más recientes (Ctrl+Mayús+S)</translation>
    </message>
    <message>
        <source>Show the &amp;Outbox</source>
        <translation>Mostrar la &amp;Bandeja de salida</translation>
    </message>
    <message>
        <source>Syncing with the Hydrobit server…</source>
        <translation>Sincronizando con el servidor de Hydrobit…</translation>
    </message>
    <message>
        <source>Not synced: sign in again to send the changes waiting here.</source>
        <translation>Sin sincronizar: inicie sesión de nuevo para enviar los cambios pendientes.</translation>
    </message>
    <message>
        <source>Not synced: {problem} Your changes stay on this computer.</source>
        <translation>Sin sincronizar: {problem} Sus cambios se quedan en este equipo.</translation>
    </message>
    <message>
        <source>Synced. 1 change needs your decision in the Outbox.</source>
        <translation>Sincronizado. 1 cambio necesita su decisión en la Bandeja de salida.</translation>
    </message>
    <message>
        <source>Synced. {count} changes need your decision in the Outbox.</source>
        <translation>Sincronizado. {count} cambios necesitan su decisión en la Bandeja de salida.</translation>
    </message>
    <message>
        <source>Synced; some changes are still on their way.</source>
        <translation>Sincronizado; algunos cambios siguen en camino.</translation>
    </message>
    <message>
        <source>Synced: everything made here is on the server.</source>
        <translation>Sincronizado: todo lo hecho aquí está en el servidor.</translation>
    </message>
</context>
<context>
    <name>OfflineText</name>
    <message>
        <source>Showing the farm as saved on this computer.</source>
        <translation>Se muestra la finca tal como se guardó en este equipo.</translation>
    </message>
    <message>
        <source>Showing the farm as saved on this computer at {time}.</source>
        <translation>Se muestra la finca tal como se guardó en este equipo a las {time}.</translation>
    </message>
    <message>
        <source>You can keep working: changes are saved here and sent when the connection returns.</source>
        <translation>Puede seguir trabajando: los cambios se guardan aquí y se envían cuando vuelva la conexión.</translation>
    </message>
</context>
<context>
    <name>OidcSignInPanel</name>
    <message>
        <source>&amp;Copy code</source>
        <translation>&amp;Copiar código</translation>
    </message>
    <message>
        <source>&amp;Open sign-in page</source>
        <translation>&amp;Abrir página de inicio de sesión</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Asking the sign-in service for a code…</source>
        <translation>Pidiendo un código al servicio de inicio de sesión…</translation>
    </message>
    <message>
        <source>Finish signing in in your browser. HydroDesk waits for it here.</source>
        <translation>Termine de iniciar sesión en su navegador. HydroDesk lo espera aquí.</translation>
    </message>
    <message>
        <source>Your browser opens the sign-in page of your company.</source>
        <translation>Su navegador abre la página de inicio de sesión de su empresa.</translation>
    </message>
    <message>
        <source>Open the sign-in page on this computer or on your phone, check that it shows this code, and approve. HydroDesk signs in by itself once you have.</source>
        <translation>Abra la página de inicio de sesión en esta computadora o en su teléfono, compruebe que muestra este código y apruebe. HydroDesk inicia sesión solo en cuanto lo haga.</translation>
    </message>
    <message>
        <source>Waiting for you to approve the sign-in…</source>
        <translation>Esperando a que apruebe el inicio de sesión…</translation>
    </message>
    <message>
        <source>Waiting for you to approve the sign-in (checking every {seconds} s)…</source>
        <translation>Esperando a que apruebe el inicio de sesión (se revisa cada {seconds} s)…</translation>
    </message>
    <message>
        <source>Code copied. Waiting for you to approve the sign-in…</source>
        <translation>Código copiado. Esperando a que apruebe el inicio de sesión…</translation>
    </message>
    <message>
        <source>Signed in.</source>
        <translation>Sesión iniciada.</translation>
    </message>
    <message>
        <source>The sign-in was declined. Start again if that was a mistake.</source>
        <translation>Se rechazó el inicio de sesión. Vuelva a empezar si fue un error.</translation>
    </message>
    <message>
        <source>The code expired before it was approved. Start again to get a new one.</source>
        <translation>El código venció antes de ser aprobado. Vuelva a empezar para obtener uno nuevo.</translation>
    </message>
    <message>
        <source>The browser did not come back to HydroDesk in time. Start again.</source>
        <translation>El navegador no volvió a HydroDesk a tiempo. Vuelva a empezar.</translation>
    </message>
    <message>
        <source>The sign-in service could not be reached. Check the address and the connection.</source>
        <translation>No se pudo contactar el servicio de inicio de sesión. Revise la dirección y la conexión.</translation>
    </message>
    <message>
        <source>The sign-in service refused: {reason}</source>
        <translation>El servicio de inicio de sesión se negó: {reason}</translation>
    </message>
    <message>
        <source>Signing in failed: {reason}</source>
        <translation>No se pudo iniciar sesión: {reason}</translation>
    </message>
</context>
<context>
    <name>OpenSessionDialog</name>
    <message>
        <source>Open a production session</source>
        <translation>Abrir una sesión de producción</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>Abrir sesión</translation>
    </message>
    <message>
        <source>Open a session in {project}</source>
        <translation>Abrir una sesión en {project}</translation>
    </message>
    <message>
        <source>Pay settings come from the project; change them for this session if needed. Times are in {zone}.</source>
        <translation>Los ajustes de pago vienen del proyecto; cámbielos para esta sesión si hace falta. Las horas están en {zone}.</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>Weather, crew, anything worth noting (optional)</source>
        <translation>Clima, cuadrilla, lo que valga la pena anotar (opcional)</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Proyecto</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Sector</translation>
    </message>
    <message>
        <source>Local time at the farm ({zone})</source>
        <translation>Hora local en la finca ({zone})</translation>
    </message>
    <message>
        <source>Opened at</source>
        <translation>Abierta a las</translation>
    </message>
    <message>
        <source>Maximum duration</source>
        <translation>Duración máxima</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>This project has no sectors to open a session in.</source>
        <translation>Este proyecto no tiene sectores donde abrir una sesión.</translation>
    </message>
</context>
<context>
    <name>OutboxPane</name>
    <message>
        <source>Outbox</source>
        <translation>Bandeja de salida</translation>
    </message>
    <message>
        <source>Changes made on this computer on their way to the Hydrobit server, and the ones it did not take.</source>
        <translation>Cambios hechos en este equipo que van camino del servidor de Hydrobit, y los que no aceptó.</translation>
    </message>
    <message>
        <source>Not on the server yet</source>
        <translation>Aún no están en el servidor</translation>
    </message>
    <message>
        <source>Needs your decision</source>
        <translation>Necesitan su decisión</translation>
    </message>
    <message>
        <source>History: sent and discarded</source>
        <translation>Historial: enviados y descartados</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Edit and Retry…</source>
        <translation>Corregir y reintentar…</translation>
    </message>
    <message>
        <source>Move to Another Session…</source>
        <translation>Mover a otra sesión…</translation>
    </message>
    <message>
        <source>Discard…</source>
        <translation>Descartar…</translation>
    </message>
    <message>
        <source>outbox</source>
        <comment>file name</comment>
        <translation>bandeja-de-salida</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <source>Every change made on this computer waits here until Hydrobit has it, and HydroDesk sends it by itself when it can. A change the server refused waits for your decision: retry it, correct it, move it to another session, or discard it with a reason. Nothing is dropped without you deciding.</source>
        <translation>Cada cambio hecho en este equipo espera aquí hasta que Hydrobit lo tiene, y HydroDesk lo envía por sí solo cuando puede. Un cambio que el servidor rechazó espera su decisión: reintentarlo, corregirlo, moverlo a otra sesión o descartarlo con un motivo. Nada se pierde sin que usted lo decida.</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Sin iniciar sesión</translation>
    </message>
    <message>
        <source>Sign in to see the changes this computer has not sent to the server yet.</source>
        <translation>Inicie sesión para ver los cambios que este equipo aún no ha enviado al servidor.</translation>
    </message>
    <message>
        <source>No history yet</source>
        <translation>Aún no hay historial</translation>
    </message>
    <message>
        <source>Changes sent to the server or discarded are listed here.</source>
        <translation>Aquí aparecen los cambios enviados al servidor o descartados.</translation>
    </message>
    <message>
        <source>Nothing needs your decision</source>
        <translation>Nada necesita su decisión</translation>
    </message>
    <message>
        <source>Every change the server received was accepted.</source>
        <translation>El servidor aceptó todos los cambios que recibió.</translation>
    </message>
    <message>
        <source>Show everything not sent yet</source>
        <translation>Mostrar todo lo que aún no se ha enviado</translation>
    </message>
    <message>
        <source>Everything is on the server</source>
        <translation>Todo está en el servidor</translation>
    </message>
    <message>
        <source>No change made on this computer is waiting to be sent.</source>
        <translation>Ningún cambio hecho en este equipo está esperando a enviarse.</translation>
    </message>
    <message>
        <source>Show the history</source>
        <translation>Mostrar el historial</translation>
    </message>
    <message>
        <source>1 needs your decision</source>
        <translation>1 necesita su decisión</translation>
    </message>
    <message>
        <source>{count} need your decision</source>
        <translation>{count} necesitan su decisión</translation>
    </message>
    <message>
        <source>1 waiting to be sent</source>
        <translation>1 esperando a enviarse</translation>
    </message>
    <message>
        <source>{count} waiting to be sent</source>
        <translation>{count} en espera de envío</translation>
    </message>
    <message>
        <source>Nothing waiting</source>
        <translation>Nada pendiente</translation>
    </message>
</context>
<context>
    <name>OutboxTableModel</name>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Kind of change</source>
        <translation>Tipo de cambio</translation>
    </message>
    <message>
        <source>What it is</source>
        <translation>Qué es</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Intentos</translation>
    </message>
    <message>
        <source>Server&apos;s reason</source>
        <translation>Motivo del servidor</translation>
    </message>
    <message>
        <source>Made at</source>
        <translation>Hecho el</translation>
    </message>
</context>
<context>
    <name>OutboxText</name>
    <message>
        <source>Session opened</source>
        <translation>Sesión abierta</translation>
    </message>
    <message>
        <source>Session changed</source>
        <translation>Sesión modificada</translation>
    </message>
    <message>
        <source>Session extended</source>
        <translation>Sesión ampliada</translation>
    </message>
    <message>
        <source>Session closed</source>
        <translation>Sesión cerrada</translation>
    </message>
    <message>
        <source>New worker</source>
        <translation>Nuevo trabajador</translation>
    </message>
    <message>
        <source>Valve command</source>
        <translation>Orden de válvula</translation>
    </message>
    <message>
        <source>Program start</source>
        <translation>Inicio de programa</translation>
    </message>
    <message>
        <source>Program stop</source>
        <translation>Parada de programa</translation>
    </message>
    <message>
        <source>Waiting to send</source>
        <translation>Esperando envío</translation>
    </message>
    <message>
        <source>Record added</source>
        <translation>Registro nuevo</translation>
    </message>
    <message>
        <source>Record voided</source>
        <translation>Registro anulado</translation>
    </message>
    <message>
        <source>Form answers</source>
        <translation>Respuestas de formulario</translation>
    </message>
    <message>
        <source>Sending now</source>
        <translation>Enviando</translation>
    </message>
    <message>
        <source>On the server</source>
        <translation>En el servidor</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Rechazado</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Conflicto</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Caducado</translation>
    </message>
    <message>
        <source>Discarded</source>
        <translation>Descartado</translation>
    </message>
    <message>
        <source>The server&apos;s session does not take these records any more. Move them to a session that is still open, or discard them with a reason.</source>
        <translation>La sesión del servidor ya no admite estos registros. Muévalos a una sesión que siga abierta o descártelos con un motivo.</translation>
    </message>
    <message>
        <source>This command could not be sent before its deadline. Edit it to give it a new one, or discard it.</source>
        <translation>Esta orden no pudo enviarse antes de su plazo. Corríjala para darle uno nuevo, o descártela.</translation>
    </message>
    <message>
        <source>Fix what the server refused (Edit and retry), retry it as it is, or discard it.</source>
        <translation>Corrija lo que el servidor rechazó (Corregir y reintentar), reinténtelo tal cual o descártelo.</translation>
    </message>
    <message>
        <source>Retry it once the cause is fixed, or discard it with a reason.</source>
        <translation>Reinténtelo cuando se haya resuelto la causa, o descártelo con un motivo.</translation>
    </message>
    <message>
        <source>On its way: it is sent as soon as the server can be reached.</source>
        <translation>En camino: se envía en cuanto se pueda contactar con el servidor.</translation>
    </message>
    <message>
        <source>session {id}</source>
        <translation>sesión {id}</translation>
    </message>
    <message>
        <source>{amount} for {worker} in {where}</source>
        <translation>{amount} de {worker} en {where}</translation>
    </message>
    <message>
        <source>Cancel {amount} for {worker} in {where}</source>
        <translation>Anular {amount} de {worker} en {where}</translation>
    </message>
    <message>
        <source>Open a session in {where}</source>
        <translation>Abrir una sesión en {where}</translation>
    </message>
    <message>
        <source>Change the session in {where}</source>
        <translation>Modificar la sesión en {where}</translation>
    </message>
    <message>
        <source>Extend the session in {where} to {hours} h</source>
        <translation>Ampliar la sesión en {where} a {hours} h</translation>
    </message>
    <message>
        <source>Close the session in {where}</source>
        <translation>Cerrar la sesión en {where}</translation>
    </message>
    <message>
        <source>Add {name} ({id}) to the roster</source>
        <translation>Añadir a {name} ({id}) a la plantilla</translation>
    </message>
    <message>
        <source>Open valve {valve} for {minutes} min</source>
        <translation>Abrir la válvula {valve} durante {minutes} min</translation>
    </message>
    <message>
        <source>Close valve {valve}</source>
        <translation>Cerrar la válvula {valve}</translation>
    </message>
    <message>
        <source>Start irrigation program {program}</source>
        <translation>Iniciar el programa de riego {program}</translation>
    </message>
    <message>
        <source>Stop irrigation program {program}</source>
        <translation>Detener el programa de riego {program}</translation>
    </message>
    <message>
        <source>1 answer</source>
        <translation>1 respuesta</translation>
    </message>
    <message>
        <source>{count} answers</source>
        <translation>{count} respuestas</translation>
    </message>
    <message>
        <source>{form} filled in for {place} ({answers})</source>
        <translation>{form} llenado para {place} ({answers})</translation>
    </message>
    <message>
        <source>{form} filled in ({answers})</source>
        <translation>{form} llenado ({answers})</translation>
    </message>
    <message>
        <source>Discarded: {reason}</source>
        <translation>Descartado: {reason}</translation>
    </message>
    <message>
        <source>Will retry: {problem}</source>
        <translation>Se reintentará: {problem}</translation>
    </message>
    <message>
        <source>{sector} · {day} · opened at {time} ({zone})</source>
        <translation>{sector} · {day} · abierta a las {time} ({zone})</translation>
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
        <source>sectors</source>
        <comment>file name</comment>
        <translation>sectores</translation>
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
        <source>The project or sector chosen in the navigator: its local time in the farm&apos;s timezone, its crop, the pay a new session starts with and how long a session may stay open. Today: the day&apos;s sessions (units, workers, pay, open and closed), the valves open now as the field reports them and the open alarms. The table lists its sectors; pick one in the navigator to see it alone.</source>
        <translation>El proyecto o sector elegido en el navegador: su hora local en la zona horaria de la finca, su cultivo, el pago con que empieza una sesión nueva y cuánto tiempo puede quedar abierta una sesión. Hoy: las sesiones del día (unidades, trabajadores, pago, abiertas y cerradas), las válvulas abiertas ahora según informa el campo y las alarmas abiertas. La tabla lista sus sectores; elija uno en el navegador para verlo solo.</translation>
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
        <source>TODAY</source>
        <translation>HOY</translation>
    </message>
    <message>
        <source>Sign in and choose a project to see its day.</source>
        <translation>Inicie sesión y elija un proyecto para ver su día.</translation>
    </message>
    <message>
        <source>TODAY · {day}</source>
        <translation>HOY · {day}</translation>
    </message>
    <message>
        <source>Valves and alarms show once the live data has the farm&apos;s valves.</source>
        <translation>Las válvulas y las alarmas aparecen cuando los datos en vivo tienen las válvulas de la finca.</translation>
    </message>
    <message>
        <source>Now: valves open {opened} of {valves} · open alarms {alarms}</source>
        <translation>Ahora: válvulas abiertas {opened} de {valves} · alarmas abiertas {alarms}</translation>
    </message>
</context>
<context>
    <name>Panes</name>
    <message>
        <source>Overview</source>
        <translation>Resumen</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Sesiones</translation>
    </message>
    <message>
        <source>Tallies</source>
        <translation>Conteos</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>Trabajadores</translation>
    </message>
    <message>
        <source>Irrigation</source>
        <translation>Riego</translation>
    </message>
    <message>
        <source>Telemetry</source>
        <translation>Telemetría</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Mapa</translation>
    </message>
    <message>
        <source>Forms</source>
        <translation>Formularios</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Bandeja de salida</translation>
    </message>
    <message>
        <source>Scouting</source>
        <translation>Monitoreo</translation>
    </message>
    <message>
        <source>Sector timeline</source>
        <translation>Línea de tiempo</translation>
    </message>
    <message>
        <source>Weather and plant</source>
        <translation>Clima y planta</translation>
    </message>
</context>
<context>
    <name>PayFields</name>
    <message>
        <source>Sampling unit</source>
        <translation>Unidad de muestreo</translation>
    </message>
    <message>
        <source>Price per unit</source>
        <translation>Precio por unidad</translation>
    </message>
    <message>
        <source>No bonus</source>
        <translation>Sin bono</translation>
    </message>
    <message>
        <source>Flat amount per worker</source>
        <translation>Monto fijo por trabajador</translation>
    </message>
    <message>
        <source>Percent of each worker&apos;s pay</source>
        <translation>Porcentaje del pago de cada trabajador</translation>
    </message>
    <message>
        <source>Bonus value</source>
        <translation>Valor del bono</translation>
    </message>
    <message>
        <source>Why the bonus (optional)</source>
        <translation>Motivo del bono (opcional)</translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation>Bono</translation>
    </message>
    <message>
        <source>Bonus note</source>
        <translation>Nota del bono</translation>
    </message>
    <message>
        <source>Give a sampling unit, for example box, kg or ton.</source>
        <translation>Indique una unidad de muestreo, por ejemplo box, kg o ton.</translation>
    </message>
    <message>
        <source>The sampling unit is too long (at most 32 characters).</source>
        <translation>La unidad de muestreo es demasiado larga (máximo 32 caracteres).</translation>
    </message>
    <message>
        <source>A flat bonus must be more than zero; choose “No bonus” instead.</source>
        <translation>Un bono fijo debe ser mayor que cero; elija «Sin bono» en su lugar.</translation>
    </message>
</context>
<context>
    <name>PhytoPane</name>
    <message>
        <source>Scouting</source>
        <translation>Monitoreo</translation>
    </message>
    <message>
        <source>Thresholds…</source>
        <translation>Umbrales…</translation>
    </message>
    <message>
        <source>Edit the action thresholds per pest (Ctrl+T)</source>
        <translation>Editar los umbrales de acción por plaga (Ctrl+T)</translation>
    </message>
    <message>
        <source>Report…</source>
        <translation>Informe…</translation>
    </message>
    <message>
        <source>Save the scouting report of this range as a PDF (Ctrl+R)</source>
        <translation>Guardar el informe de monitoreo de este período en PDF (Ctrl+R)</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Fetch this range&apos;s scouting again (F5)</source>
        <translation>Volver a descargar el monitoreo de este período (F5)</translation>
    </message>
    <message>
        <source>7 days</source>
        <translation>7 días</translation>
    </message>
    <message>
        <source>The last 7 days, today included</source>
        <translation>Los últimos 7 días, hoy incluido</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Este mes</translation>
    </message>
    <message>
        <source>From the 1st of this month</source>
        <translation>Desde el día 1 de este mes</translation>
    </message>
    <message>
        <source>90 days</source>
        <translation>90 días</translation>
    </message>
    <message>
        <source>The last 90 days, today included</source>
        <translation>Los últimos 90 días, hoy incluido</translation>
    </message>
    <message>
        <source>Season</source>
        <translation>Temporada</translation>
    </message>
    <message>
        <source>Since 1 July, when the fruit season starts</source>
        <translation>Desde el 1 de julio, cuando empieza la temporada de fruta</translation>
    </message>
    <message>
        <source>First day of the range</source>
        <translation>Primer día del período</translation>
    </message>
    <message>
        <source>Last day of the range</source>
        <translation>Último día del período</translation>
    </message>
    <message>
        <source>Fr&amp;om</source>
        <translation>&amp;Desde</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Hasta</translation>
    </message>
    <message>
        <source>Incidence</source>
        <translation>Incidencia</translation>
    </message>
    <message>
        <source>Share of points where it was found (Ctrl+I)</source>
        <translation>Porcentaje de puntos donde se encontró (Ctrl+I)</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Severidad</translation>
    </message>
    <message>
        <source>Mean damage grade where found (Ctrl+I)</source>
        <translation>Grado medio de daño donde se encontró (Ctrl+I)</translation>
    </message>
    <message>
        <source>Heatmap of sectors and pests</source>
        <translation>Mapa de calor de sectores y plagas</translation>
    </message>
    <message>
        <source>Pest or disease shown in the trend</source>
        <translation>Plaga o enfermedad que muestra la tendencia</translation>
    </message>
    <message>
        <source>&amp;Pest or disease</source>
        <translation>&amp;Plaga o enfermedad</translation>
    </message>
    <message>
        <source>Incidence %</source>
        <translation>Incidencia %</translation>
    </message>
    <message>
        <source>Severity %</source>
        <translation>Severidad %</translation>
    </message>
    <message>
        <source>scouting</source>
        <comment>file name</comment>
        <translation>monitoreo</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>Tendencia</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Registros</translation>
    </message>
    <message>
        <source>Edit the action thresholds</source>
        <translation>Editar los umbrales de acción</translation>
    </message>
    <message>
        <source>Save the scouting report as a PDF</source>
        <translation>Guardar el informe de monitoreo en PDF</translation>
    </message>
    <message>
        <source>Switch between incidence and severity</source>
        <translation>Cambiar entre incidencia y severidad</translation>
    </message>
    <message>
        <source>Scouting of the company, project or sector chosen in the navigator, over the days chosen above. Each cell of the heatmap is a pest&apos;s incidence or severity in a sector, coloured by its action threshold; sectors in Alert come first. Click a cell or press Enter on it to see that sector&apos;s trend and records. The last fetched scouting stays here offline.</source>
        <translation>Monitoreo de la empresa, el proyecto o el sector elegido en el navegador, en los días elegidos arriba. Cada celda del mapa de calor es la incidencia o la severidad de una plaga en un sector, coloreada según su umbral de acción; los sectores en Alerta van primero. Haga clic en una celda o pulse Intro sobre ella para ver la tendencia y los registros de ese sector. El último monitoreo descargado sigue disponible sin conexión.</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Intro</translation>
    </message>
    <message>
        <source>In the heatmap: open the sector&apos;s trend and records</source>
        <translation>En el mapa de calor: abrir la tendencia y los registros del sector</translation>
    </message>
    <message>
        <source>The range must not start after it ends.</source>
        <translation>El período no puede empezar después de terminar.</translation>
    </message>
    <message>
        <source>No scouting in this range</source>
        <translation>Sin monitoreo en este período</translation>
    </message>
    <message>
        <source>Nobody recorded a scouting point here between {start} and {end}. Choose a longer range above, or press F5 to fetch it again.</source>
        <translation>Nadie registró un punto de monitoreo aquí entre el {start} y el {end}. Elija un período más largo arriba o pulse F5 para descargarlo de nuevo.</translation>
    </message>
    <message>
        <source>Fetch again</source>
        <translation>Descargar de nuevo</translation>
    </message>
    <message>
        <source>{sector} · {project}</source>
        <translation>{sector} · {project}</translation>
    </message>
    <message>
        <source>Whole company</source>
        <translation>Toda la empresa</translation>
    </message>
    <message>
        <source>{start} – {end}</source>
        <translation>{start} – {end}</translation>
    </message>
    <message>
        <source>fetched {time}</source>
        <translation>descargado {time}</translation>
    </message>
    <message>
        <source>not fetched yet</source>
        <translation>aún sin descargar</translation>
    </message>
    <message>
        <source>showing saved data: {problem}</source>
        <translation>mostrando datos guardados: {problem}</translation>
    </message>
    <message>
        <source>alert threshold</source>
        <translation>umbral de alerta</translation>
    </message>
</context>
<context>
    <name>ProfileFields</name>
    <message>
        <source>Optional: a PEM file, for a company proxy&apos;s certificate</source>
        <translation>Opcional: un archivo PEM, para el certificado del proxy de la empresa</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Examinar…</translation>
    </message>
</context>
<context>
    <name>ProfilesPage</name>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Nuevo</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>&amp;Quitar…</translation>
    </message>
    <message>
        <source>&amp;Sign in with this profile</source>
        <translation>&amp;Iniciar sesión con este perfil</translation>
    </message>
    <message>
        <source>Same as the server, if left empty</source>
        <translation>Igual que el servidor, si se deja vacío</translation>
    </message>
    <message>
        <source>Empty: tokens are pasted</source>
        <translation>Vacío: los tokens se pegan</translation>
    </message>
    <message>
        <source>x-api-key header</source>
        <translation>encabezado x-api-key</translation>
    </message>
    <message>
        <source>Authorization: Bearer keyId.token</source>
        <translation>Authorization: Bearer keyId.token</translation>
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
        <source>Sign-in service (issuer)</source>
        <translation>Servicio de inicio de sesión (emisor)</translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation>ID de cliente</translation>
    </message>
    <message>
        <source>Send the API key as</source>
        <translation>Enviar la clave de API como</translation>
    </message>
    <message>
        <source>CA bundle</source>
        <translation>Certificados de CA</translation>
    </message>
    <message>
        <source>Last signed in</source>
        <translation>Última sesión</translation>
    </message>
    <message>
        <source>No profiles yet. Press New to add your Hydrobit account.</source>
        <translation>Aún no hay perfiles. Pulse Nuevo para agregar su cuenta Hydrobit.</translation>
    </message>
    <message>
        <source>Profiles</source>
        <translation>Perfiles</translation>
    </message>
    <message>
        <source>{name} (default)</source>
        <translation>{name} (predeterminado)</translation>
    </message>
    <message>
        <source>A saved profile&apos;s name cannot change: its sign-in and its data on this computer are kept under it.</source>
        <translation>El nombre de un perfil guardado no puede cambiar: su sesión y sus datos en esta computadora se guardan con ese nombre.</translation>
    </message>
    <message>
        <source>nobody yet</source>
        <translation>nadie todavía</translation>
    </message>
    <message>
        <source>There is already a profile called “{name}”.</source>
        <translation>Ya existe un perfil llamado “{name}”.</translation>
    </message>
    <message>
        <source>The profile could not be saved: {reason}</source>
        <translation>No se pudo guardar el perfil: {reason}</translation>
    </message>
    <message>
        <source>Remove profile</source>
        <translation>Quitar perfil</translation>
    </message>
    <message>
        <source>Remove the profile “{name}”?</source>
        <translation>¿Quitar el perfil “{name}”?</translation>
    </message>
    <message>
        <source>Its addresses and its sign-in are forgotten. Its data and any changes not yet sent stay on this computer: a profile created again with the same name finds them.</source>
        <translation>Se olvidan sus direcciones y su sesión. Sus datos y los cambios aún no enviados se quedan en esta computadora: un perfil creado de nuevo con el mismo nombre los encuentra.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Sign out or switch to another profile before removing this one.</source>
        <translation>Cierre sesión o cambie a otro perfil antes de quitar este.</translation>
    </message>
    <message>
        <source>The profile could not be removed: {reason}</source>
        <translation>No se pudo quitar el perfil: {reason}</translation>
    </message>
</context>
<context>
    <name>ProgramCommands</name>
    <message>
        <source>“{name}” no longer exists on Hydrobit (it was deleted there): nothing was sent to the field.</source>
        <translation>«{name}» ya no existe en Hydrobit (se eliminó allí): no se envió nada al campo.</translation>
    </message>
</context>
<context>
    <name>ProgramsModel</name>
    <message>
        <source>Program</source>
        <translation>Programa</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Valves</source>
        <translation>Válvulas</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Horario</translation>
    </message>
    <message>
        <source>Last started</source>
        <translation>Último inicio</translation>
    </message>
    <message>
        <source>Start waiting to be sent</source>
        <translation>Inicio pendiente de envío</translation>
    </message>
    <message>
        <source>Stop waiting to be sent</source>
        <translation>Detención pendiente de envío</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En marcha</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>En espera</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Desactivado</translation>
    </message>
</context>
<context>
    <name>QCupsJobWidget</name>
    <message>
        <source>Job &amp;priority:</source>
        <translation>&amp;Prioridad del trabajo:</translation>
    </message>
    <message>
        <source>Scheduled &amp;printing:</source>
        <translation>Impresión &amp;programada:</translation>
    </message>
    <message>
        <source>&amp;Billing information:</source>
        <translation>Información de &amp;facturación:</translation>
    </message>
    <message>
        <source>&amp;Start:</source>
        <translation>&amp;Inicial:</translation>
    </message>
    <message>
        <source>&amp;End:</source>
        <translation>&amp;Final:</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Ver en:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Ficheros de &amp;tipo:</translation>
    </message>
</context>
<context>
    <name>QFileSystemModel</name>
    <message>
        <source>&lt;b&gt;The name &quot;%1&quot; cannot be used.&lt;/b&gt;&lt;p&gt;Try using another name, with fewer characters or no punctuation marks.</source>
        <translation>&lt;b&gt;No se puede utilizar el nombre «%1».&lt;/b&gt;&lt;p&gt;Intente usar otro nombre con menos caracteres o sin signos de puntuación.</translation>
    </message>
</context>
<context>
    <name>QPageSetupWidget</name>
    <message>
        <source>Page &amp;order:</source>
        <translation>&amp;Orden de páginas:</translation>
    </message>
    <message>
        <source>Pages &amp;per sheet:</source>
        <translation>Páginas &amp;por hoja:</translation>
    </message>
</context>
<context>
    <name>QPrintDialog</name>
    <message>
        <source>%1 does not follow the correct syntax. Please use &apos;,&apos; to separate ranges and pages, &apos;-&apos; to define ranges and make sure ranges do not intersect with each other.</source>
        <translation>%1 no tiene la sintaxis correcta. Use «,» para separar intervalos y páginas, «-» para definir intervalos, y compruebe que los intervalos no se solapen.</translation>
    </message>
    <message>
        <source>Invalid Pages Definition</source>
        <translation>Definición de páginas no válida</translation>
    </message>
    <message>
        <source>Duplex Settings Conflicts</source>
        <translation>Conflictos en la impresión a doble cara</translation>
    </message>
    <message>
        <source>There are conflicts in duplex settings. Do you want to fix them?</source>
        <translation>Hay conflictos en la configuración de impresión a doble cara. ¿Desea corregirlos?</translation>
    </message>
</context>
<context>
    <name>QPrintPropertiesWidget</name>
    <message>
        <source>Advanced</source>
        <translation>Avanzado</translation>
    </message>
    <message>
        <source>There are conflicts in some options. Please fix them.</source>
        <translation>Hay conflictos en algunas opciones. Corríjalos.</translation>
    </message>
</context>
<context>
    <name>QPrintSettingsOutput</name>
    <message>
        <source>Double Sided Printing</source>
        <translation>Impresión a doble cara</translation>
    </message>
    <message>
        <source>Long side binding</source>
        <translation>Encuadernación por el lado largo</translation>
    </message>
    <message>
        <source>Short side binding</source>
        <translation>Encuadernación por el lado corto</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Desactivada</translation>
    </message>
    <message>
        <source>Page &amp;Set:</source>
        <translation>&amp;Conjunto de páginas:</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Páginas</translation>
    </message>
    <message>
        <source>Specify pages or ranges separated by commas. Ranges are specified by two numbers separated by a hyphen. E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9.</source>
        <translation>Indique páginas o intervalos separados por comas. Un intervalo son dos números separados por un guion. Por ejemplo: 3,5-7,9 imprime las páginas 3, 5, 6, 7 y 9.</translation>
    </message>
</context>
<context>
    <name>RejectedRowsModel</name>
    <message>
        <source>Row</source>
        <translation>Fila</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>Trabajador</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Unidades</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
</context>
<context>
    <name>RosterLoading</name>
    <message>
        <source>No worker matches this search and these filters. Clear them to see the whole roster.</source>
        <translation>Ningún trabajador coincide con esta búsqueda y estos filtros. Quítelos para ver toda la plantilla.</translation>
    </message>
</context>
<context>
    <name>RosterTableModel</name>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Worker ID</source>
        <translation>ID del trabajador</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Puesto</translation>
    </message>
    <message>
        <source>Employment</source>
        <translation>Contrato</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Hired</source>
        <translation>Ingreso</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sincronización</translation>
    </message>
    <message>
        <source>Saved on this computer; it is sent when the server can be reached.</source>
        <translation>Guardado en este equipo; se envía cuando se pueda contactar al servidor.</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Requiere atención</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendiente</translation>
    </message>
</context>
<context>
    <name>ScoutingActions</name>
    <message>
        <source>Sign in to edit the action thresholds.</source>
        <translation>Inicie sesión para editar los umbrales de acción.</translation>
    </message>
    <message>
        <source>Action thresholds saved</source>
        <translation>Umbrales de acción guardados</translation>
    </message>
    <message>
        <source>Nothing to report: no scouting in this range.</source>
        <translation>Nada que informar: no hay monitoreo en este período.</translation>
    </message>
    <message>
        <source>scouting-report-{start}-{end}.pdf</source>
        <comment>file name</comment>
        <translation>informe-monitoreo-{start}-{end}.pdf</translation>
    </message>
    <message>
        <source>Save the scouting report</source>
        <translation>Guardar el informe de monitoreo</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Whole company</source>
        <translation>Toda la empresa</translation>
    </message>
    <message>
        <source>Could not save the report: {reason}</source>
        <translation>No se pudo guardar el informe: {reason}</translation>
    </message>
    <message>
        <source>Saved the scouting report to {path}</source>
        <translation>Informe de monitoreo guardado en {path}</translation>
    </message>
</context>
<context>
    <name>ScoutingLoading</name>
    <message>
        <source>Not signed in</source>
        <translation>Sin iniciar sesión</translation>
    </message>
    <message>
        <source>Sign in to see the farm&apos;s scouting.</source>
        <translation>Inicie sesión para ver el monitoreo de la finca.</translation>
    </message>
    <message>
        <source>No scouting records in these dates. Choose a longer range above.</source>
        <translation>No hay registros de monitoreo en estas fechas. Elija un periodo más largo arriba.</translation>
    </message>
</context>
<context>
    <name>ScoutingRecords</name>
    <message>
        <source>pest</source>
        <translation>plaga</translation>
    </message>
    <message>
        <source>disease</source>
        <translation>enfermedad</translation>
    </message>
</context>
<context>
    <name>ScoutingReport</name>
    <message>
        <source>Scouting report · {scope} · {start} – {end}</source>
        <translation>Informe de monitoreo · {scope} · {start} – {end}</translation>
    </message>
    <message>
        <source>nothing found</source>
        <translation>nada encontrado</translation>
    </message>
    <message>
        <source>{pest}, incidence</source>
        <translation>{pest}, incidencia</translation>
    </message>
    <message>
        <source>company&apos;s</source>
        <translation>de la empresa</translation>
    </message>
    <message>
        <source>default</source>
        <translation>predeterminado</translation>
    </message>
    <message>
        <source>not fetched; saved data only</source>
        <translation>sin descargar; solo datos guardados</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Alcance</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Días</translation>
    </message>
    <message>
        <source>Scouting points</source>
        <translation>Puntos de monitoreo</translation>
    </message>
    <message>
        <source>Data fetched</source>
        <translation>Datos descargados</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Sector</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Puntos</translation>
    </message>
    <message>
        <source>Incidence</source>
        <translation>Incidencia</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Severidad</translation>
    </message>
    <message>
        <source>Worst pests (incidence / severity)</source>
        <translation>Plagas más graves (incidencia / severidad)</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>Tendencia</translation>
    </message>
    <message>
        <source>Pest or disease</source>
        <translation>Plaga o enfermedad</translation>
    </message>
    <message>
        <source>Incidence: attention</source>
        <translation>Incidencia: atención</translation>
    </message>
    <message>
        <source>Incidence: alert</source>
        <translation>Incidencia: alerta</translation>
    </message>
    <message>
        <source>Severity: attention</source>
        <translation>Severidad: atención</translation>
    </message>
    <message>
        <source>Severity: alert</source>
        <translation>Severidad: alerta</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Umbral</translation>
    </message>
    <message>
        <source>Printed {time} by HydroDesk. Incidence: share of points where found; severity: mean damage grade (0–4) where found, as a percentage.</source>
        <translation>Impreso {time} por HydroDesk. Incidencia: porcentaje de puntos donde se encontró; severidad: grado medio de daño (0–4) donde se encontró, en porcentaje.</translation>
    </message>
    <message>
        <source>Scouting report</source>
        <translation>Informe de monitoreo</translation>
    </message>
    <message>
        <source>Action thresholds used</source>
        <translation>Umbrales de acción usados</translation>
    </message>
</context>
<context>
    <name>SectorAndDaysChoice</name>
    <message>
        <source>Pick a sector…</source>
        <translation>Elija un sector…</translation>
    </message>
    <message>
        <source>{project} · {sector}</source>
        <translation>{project} · {sector}</translation>
    </message>
</context>
<context>
    <name>SectorMap</name>
    <message>
        <source>{when} · {who}</source>
        <translation>{when} · {who}</translation>
    </message>
    <message>
        <source>No pests or diseases found</source>
        <translation>Sin plagas ni enfermedades</translation>
    </message>
    <message>
        <source>{pest}: {count} (severity {grade} of 4)</source>
        <translation>{pest}: {count} (severidad {grade} de 4)</translation>
    </message>
    <message>
        <source>{value} %</source>
        <translation>{value} %</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Alerta</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>Atención</translation>
    </message>
    <message>
        <source>Okay</source>
        <translation>Bien</translation>
    </message>
    <message>
        <source>Not scouted</source>
        <translation>Sin monitoreo</translation>
    </message>
    <message>
        <source>{pest}: severity {value}</source>
        <translation>{pest}: severidad {value}</translation>
    </message>
    <message>
        <source>No reading</source>
        <translation>Sin lectura</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abierta</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Cerrada</translation>
    </message>
    <message>
        <source>Fault</source>
        <translation>Avería</translation>
    </message>
    <message>
        <source>State unknown</source>
        <translation>Estado desconocido</translation>
    </message>
    <message>
        <source>No valve</source>
        <translation>Sin válvula</translation>
    </message>
    <message>
        <source>Dry (under 18 %)</source>
        <translation>Seco (menos de 18 %)</translation>
    </message>
    <message>
        <source>Low (18–24 %)</source>
        <translation>Bajo (18–24 %)</translation>
    </message>
    <message>
        <source>Good (24–32 %)</source>
        <translation>Adecuado (24–32 %)</translation>
    </message>
    <message>
        <source>Moist (32–40 %)</source>
        <translation>Húmedo (32–40 %)</translation>
    </message>
    <message>
        <source>Wet (40 % or more)</source>
        <translation>Saturado (40 % o más)</translation>
    </message>
    <message>
        <source>N</source>
        <comment>north, on the map&apos;s north arrow</comment>
        <translation>N</translation>
    </message>
    <message>
        <source>{value} km</source>
        <translation>{value} km</translation>
    </message>
    <message>
        <source>{value} m</source>
        <translation>{value} m</translation>
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
    <name>SessionActions</name>
    <message>
        <source>Choose a project in the navigator first.</source>
        <translation>Elija primero un proyecto en el navegador.</translation>
    </message>
    <message>
        <source>{project} has no sectors to open a session in.</source>
        <translation>{project} no tiene sectores donde abrir una sesión.</translation>
    </message>
    <message>
        <source>You are signed out: sign in again to open a session.</source>
        <translation>Ha cerrado la sesión de usuario: vuelva a iniciar sesión para abrir una sesión.</translation>
    </message>
    <message>
        <source>The session could not be saved: {reason}</source>
        <translation>No se pudo guardar la sesión: {reason}</translation>
    </message>
    <message>
        <source>Session opened for {sector}; it is sent to the server in the background.</source>
        <translation>Sesión abierta en {sector}; se envía al servidor en segundo plano.</translation>
    </message>
    <message>
        <source>You opened it at {time} ({zone}), session {id}.</source>
        <translation>La abrió usted a las {time} ({zone}), sesión {id}.</translation>
    </message>
    <message>
        <source>{owner} opened it at {time} ({zone}), session {id}.</source>
        <translation>La abrió {owner} a las {time} ({zone}), sesión {id}.</translation>
    </message>
    <message>
        <source>It was opened at {time} ({zone}), session {id}.</source>
        <translation>Se abrió a las {time} ({zone}), sesión {id}.</translation>
    </message>
    <message>
        <source>Only one session can be open per sector and day. {sector} already has an open session on {day}.</source>
        <translation>Solo puede haber una sesión abierta por sector y día. {sector} ya tiene una sesión abierta el {day}.</translation>
    </message>
    <message>
        <source>Close that session, or record into it, before opening another one.</source>
        <translation>Cierre esa sesión, o registre en ella, antes de abrir otra.</translation>
    </message>
    <message>
        <source>Only {owner} can record into it or close it: open yours in another sector.</source>
        <translation>Solo {owner} puede registrar en ella o cerrarla: abra la suya en otro sector.</translation>
    </message>
    <message>
        <source>You are signed out: sign in again to change the session.</source>
        <translation>Ha cerrado la sesión de usuario: vuelva a iniciar sesión para cambiar la sesión.</translation>
    </message>
    <message>
        <source>Session changes saved; they are sent to the server in the background.</source>
        <translation>Cambios de la sesión guardados; se envían al servidor en segundo plano.</translation>
    </message>
    <message>
        <source>This session already has the longest duration allowed ({hours} h).</source>
        <translation>Esta sesión ya tiene la duración máxima permitida ({hours} h).</translation>
    </message>
    <message>
        <source>You are signed out: sign in again to extend the session.</source>
        <translation>Ha cerrado la sesión de usuario: vuelva a iniciar sesión para extender la sesión.</translation>
    </message>
    <message>
        <source>Choose more than the current {current} h and at most {limit} h.</source>
        <translation>Elija más de las {current} h actuales y como máximo {limit} h.</translation>
    </message>
    <message>
        <source>Session extended to {hours} h.</source>
        <translation>Sesión extendida a {hours} h.</translation>
    </message>
    <message>
        <source>{amount} by {workers} · pay {pay}</source>
        <translation>{amount} de {workers} · pago {pay}</translation>
    </message>
    <message>
        <source>1 worker</source>
        <translation>1 trabajador</translation>
    </message>
    <message>
        <source>{count} workers</source>
        <translation>{count} trabajadores</translation>
    </message>
    <message>
        <source>1 record is still on its way to the server; it is sent before the close.</source>
        <translation>1 registro aún va camino del servidor; se envía antes del cierre.</translation>
    </message>
    <message>
        <source>{count} records are still on their way to the server; they are sent before the close.</source>
        <translation>{count} registros aún van camino del servidor; se envían antes del cierre.</translation>
    </message>
    <message>
        <source>You are signed out: sign in again to close the session.</source>
        <translation>Ha cerrado la sesión de usuario: vuelva a iniciar sesión para cerrar la sesión.</translation>
    </message>
    <message>
        <source>Session closed; the close is sent to the server in the background.</source>
        <translation>Sesión cerrada; el cierre se envía al servidor en segundo plano.</translation>
    </message>
    <message>
        <source>Select a session first.</source>
        <translation>Seleccione primero una sesión.</translation>
    </message>
    <message>
        <source>Discarded in the sessions pane after the server refused it</source>
        <translation>Descartada en el panel de sesiones después de que el servidor la rechazara</translation>
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
        <source>The Hydrobit server no longer accepts your sign-in. Paste a fresh access token: the changes waiting on this computer are kept and sent once you are signed in.</source>
        <translation>El servidor de Hydrobit ya no acepta su inicio de sesión. Pegue un token de acceso nuevo: los cambios pendientes en este equipo se conservan y se envían en cuanto inicie sesión.</translation>
    </message>
    <message>
        <source>Signed in again. Sending the changes waiting here…</source>
        <translation>Sesión iniciada de nuevo. Enviando los cambios pendientes…</translation>
    </message>
    <message>
        <source>No system keychain</source>
        <translation>No hay llavero del sistema</translation>
    </message>
    <message>
        <source>HydroDesk keeps your token only in the system keychain, and none is available or it is locked. Install or unlock one (GNOME Keyring or KWallet on Linux), then start HydroDesk again. Meanwhile, the demo farm needs no account.</source>
        <translation>HydroDesk guarda su token solo en el llavero del sistema, y no hay ninguno disponible o está bloqueado. Instale o desbloquee uno (GNOME Keyring o KWallet en Linux) y vuelva a iniciar HydroDesk. Mientras tanto, la finca de demostración no necesita cuenta.</translation>
    </message>
    <message>
        <source>Explore the demo farm</source>
        <translation>Explorar la finca de demostración</translation>
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
        <source>This computer has no system keychain: your sign-in is kept only until HydroDesk closes, never in a file. You will sign in again at the next start.</source>
        <translation>Esta computadora no tiene llavero del sistema: su sesión se guarda solo hasta que cierre HydroDesk, nunca en un archivo. Volverá a iniciar sesión la próxima vez.</translation>
    </message>
    <message>
        <source>Your sign-in has ended. Sign in again to keep working online: the changes waiting on this computer are kept and sent once you are signed in.</source>
        <translation>Su sesión terminó. Vuelva a iniciar sesión para seguir trabajando en línea: los cambios pendientes en esta computadora se conservan y se envían en cuanto inicie sesión.</translation>
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
    <name>SessionText</name>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} h {minutes} min</translation>
    </message>
    <message>
        <source>{hours} h</source>
        <translation>{hours} h</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} min</translation>
    </message>
    <message>
        <source>{price} / {unit}</source>
        <translation>{price} / {unit}</translation>
    </message>
    <message>
        <source>No bonus</source>
        <translation>Sin bono</translation>
    </message>
    <message>
        <source>+{value} %</source>
        <translation>+{value} %</translation>
    </message>
    <message>
        <source>+{value} flat</source>
        <translation>+{value} fijo</translation>
    </message>
</context>
<context>
    <name>SessionsLoading</name>
    <message>
        <source>Sessions are not available</source>
        <translation>Las sesiones no están disponibles</translation>
    </message>
    <message>
        <source>Sign in to see and open production sessions; they are kept on this computer after that.</source>
        <translation>Inicie sesión para ver y abrir sesiones de producción; después se guardan en este equipo.</translation>
    </message>
    <message>
        <source>Showing what this computer knows: {reason}</source>
        <translation>Se muestra lo que sabe este equipo: {reason}</translation>
    </message>
</context>
<context>
    <name>SessionsPane</name>
    <message>
        <source>Production sessions</source>
        <translation>Sesiones de producción</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Send it to the server again, unchanged</source>
        <translation>Enviarlo de nuevo al servidor, sin cambios</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <source>Give up on it; it stays in the outbox as history</source>
        <translation>Renunciar a ello; queda en la bandeja de salida como historial</translation>
    </message>
    <message>
        <source>Open tallies</source>
        <translation>Abrir conteos</translation>
    </message>
    <message>
        <source>Record and review this session&apos;s tallies (Enter)</source>
        <translation>Registrar y revisar los conteos de esta sesión (Intro)</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Editar…</translation>
    </message>
    <message>
        <source>Extend…</source>
        <translation>Extender…</translation>
    </message>
    <message>
        <source>Close session…</source>
        <translation>Cerrar sesión…</translation>
    </message>
    <message>
        <source>sessions</source>
        <comment>file name</comment>
        <translation>sesiones</translation>
    </message>
    <message>
        <source>Open a session in the selected project or sector</source>
        <translation>Abrir una sesión en el proyecto o sector seleccionado</translation>
    </message>
    <message>
        <source>Show the day before</source>
        <translation>Mostrar el día anterior</translation>
    </message>
    <message>
        <source>Show the day after</source>
        <translation>Mostrar el día siguiente</translation>
    </message>
    <message>
        <source>Edit the selected session</source>
        <translation>Editar la sesión seleccionada</translation>
    </message>
    <message>
        <source>Extend the selected session&apos;s time limit</source>
        <translation>Ampliar el límite de tiempo de la sesión seleccionada</translation>
    </message>
    <message>
        <source>Close the selected session</source>
        <translation>Cerrar la sesión seleccionada</translation>
    </message>
    <message>
        <source>Open the selected session&apos;s tallies</source>
        <translation>Abrir los conteos de la sesión seleccionada</translation>
    </message>
    <message>
        <source>Change unit, price, bonus or notes (F2)</source>
        <translation>Cambiar unidad, precio, bono o notas (F2)</translation>
    </message>
    <message>
        <source>Allow the session to stay open longer (Ctrl+Shift+E)</source>
        <translation>Permitir que la sesión siga abierta más tiempo (Ctrl+Mayús+E)</translation>
    </message>
    <message>
        <source>Close the session with final notes (Ctrl+Shift+W)</source>
        <translation>Cerrar la sesión con notas finales (Ctrl+Mayús+W)</translation>
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
        <source>A production session is one sector&apos;s harvest on one day, paid at the price and bonus set when it is opened. The table lists the day&apos;s sessions with their units, workers and pay, and the cards add them up. Opening, editing, extending and closing are saved on this computer first and sent to Hydrobit when the connection allows.</source>
        <translation>Una sesión de producción es la cosecha de un sector en un día, pagada al precio y con el bono fijados al abrirla. La tabla lista las sesiones del día con sus unidades, trabajadores y pago, y las tarjetas los suman. Abrir, editar, ampliar y cerrar se guardan primero en este equipo y se envían a Hydrobit cuando la conexión lo permite.</translation>
    </message>
    <message>
        <source>On a session: open its tallies</source>
        <translation>Sobre una sesión: abrir sus conteos</translation>
    </message>
    <message>
        <source>{where} · {day} · times in {zone}</source>
        <translation>{where} · {day} · horas en {zone}</translation>
    </message>
    <message>
        <source>No session on {day} matches the filters; choose “All” or turn off “Mine”.</source>
        <translation>Ninguna sesión del {day} coincide con los filtros; elija «Todas» o desactive «Mías».</translation>
    </message>
    <message>
        <source>No sessions in {sector} on {day}. Press Ctrl+N to open one.</source>
        <translation>No hay sesiones en {sector} el {day}. Pulse Ctrl+N para abrir una.</translation>
    </message>
    <message>
        <source>No sessions on {day}. Press Ctrl+N to open one.</source>
        <translation>No hay sesiones el {day}. Pulse Ctrl+N para abrir una.</translation>
    </message>
    <message>
        <source>The server did not open the session for {sector}: {reason} Only one session can be open per sector and day. Records made in it wait in the outbox until you retry or discard it.</source>
        <translation>El servidor no abrió la sesión de {sector}: {reason} Solo puede haber una sesión abierta por sector y día. Los registros hechos en ella esperan en la bandeja de salida hasta que la reintente o la descarte.</translation>
    </message>
    <message>
        <source>The server refused a change to the session for {sector}: {reason}</source>
        <translation>El servidor rechazó un cambio en la sesión de {sector}: {reason}</translation>
    </message>
    <message>
        <source>({count} more need attention.)</source>
        <translation>({count} más requieren atención.)</translation>
    </message>
    <message>
        <source>(1 more needs attention.)</source>
        <translation>(1 más requiere atención.)</translation>
    </message>
    <message>
        <source>This session already has the longest duration allowed ({hours} h).</source>
        <translation>Esta sesión ya tiene la duración máxima permitida ({hours} h).</translation>
    </message>
    <message>
        <source>Select a session first.</source>
        <translation>Seleccione primero una sesión.</translation>
    </message>
    <message>
        <source>The server did not open this session.</source>
        <translation>El servidor no abrió esta sesión.</translation>
    </message>
    <message>
        <source>This session is closed.</source>
        <translation>Esta sesión está cerrada.</translation>
    </message>
    <message>
        <source>Only the user who opened this session ({owner}) can change it.</source>
        <translation>Solo el usuario que abrió esta sesión ({owner}) puede cambiarla.</translation>
    </message>
</context>
<context>
    <name>SessionsTableModel</name>
    <message>
        <source>Sector</source>
        <translation>Sector</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Abierta</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>Límite de tiempo</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Unidades</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>Trabajadores</translation>
    </message>
    <message>
        <source>Pay</source>
        <translation>Pago</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Precio</translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation>Bono</translation>
    </message>
    <message>
        <source>Opened by</source>
        <translation>Abierta por</translation>
    </message>
    <message>
        <source>Session ID</source>
        <translation>ID de sesión</translation>
    </message>
    <message>
        <source>(+{units} pending)</source>
        <translation>(+{units} pendientes)</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Usted</translation>
    </message>
    <message>
        <source>Not opened</source>
        <translation>No abierta</translation>
    </message>
    <message>
        <source>Open · pending</source>
        <translation>Abierta · pendiente</translation>
    </message>
    <message>
        <source>Closed · pending</source>
        <translation>Cerrada · pendiente</translation>
    </message>
    <message>
        <source>Change refused</source>
        <translation>Cambio rechazado</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abierta</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Cerrada</translation>
    </message>
    <message>
        <source>Closed at {time}</source>
        <translation>Cerrada a las {time}</translation>
    </message>
    <message>
        <source>Over by {duration}</source>
        <translation>Excedida por {duration}</translation>
    </message>
    <message>
        <source>{duration} left</source>
        <translation>Quedan {duration}</translation>
    </message>
    <message>
        <source>The server&apos;s total: this session&apos;s records are not on this computer yet.</source>
        <translation>Total del servidor: los registros de esta sesión aún no están en este equipo.</translation>
    </message>
    <message>
        <source>{units} of these units (1 record) are not on the server yet.</source>
        <translation>{units} de estas unidades (1 registro) aún no están en el servidor.</translation>
    </message>
    <message>
        <source>{units} of these units ({count} records) are not on the server yet.</source>
        <translation>{units} de estas unidades ({count} registros) aún no están en el servidor.</translation>
    </message>
    <message>
        <source>Pay is worked out from the records, which are not on this computer yet.</source>
        <translation>El pago se calcula a partir de los registros, que aún no están en este equipo.</translation>
    </message>
    <message>
        <source>A local id: the server gives the session its own id once it has it.</source>
        <translation>Un id local: el servidor da a la sesión su propio id cuando la recibe.</translation>
    </message>
    <message>
        <source>Changed on this computer; on its way to the server.</source>
        <translation>Cambiado en este equipo; va camino del servidor.</translation>
    </message>
    <message>
        <source>The server did not open this session: {reason}</source>
        <translation>El servidor no abrió esta sesión: {reason}</translation>
    </message>
    <message>
        <source>Saved on this computer and usable now; it is sent to Hydrobit as soon as the server can be reached. Until then it goes by the local id {id}.</source>
        <translation>Guardada en este equipo y utilizable ya; se envía a Hydrobit en cuanto se pueda alcanzar el servidor. Hasta entonces se identifica con el id local {id}.</translation>
    </message>
    <message>
        <source>The server refused a change to this session: {reason}</source>
        <translation>El servidor rechazó un cambio en esta sesión: {reason}</translation>
    </message>
    <message>
        <source>Closed on this computer; the close is on its way to the server.</source>
        <translation>Cerrada en este equipo; el cierre va camino del servidor.</translation>
    </message>
    <message>
        <source>Open: records can be added.</source>
        <translation>Abierta: se pueden añadir registros.</translation>
    </message>
    <message>
        <source>Closed: no more records.</source>
        <translation>Cerrada: no admite más registros.</translation>
    </message>
    <message>
        <source>Maximum duration {hours} h (until {time}).</source>
        <translation>Duración máxima {hours} h (hasta las {time}).</translation>
    </message>
    <message>
        <source>Past its maximum duration of {hours} h since {time} ({duration} ago). Close the session, or extend it if the crew is still picking.</source>
        <translation>Superó su duración máxima de {hours} h a las {time} (hace {duration}). Cierre la sesión, o extiéndala si la cuadrilla sigue cosechando.</translation>
    </message>
    <message>
        <source>Maximum duration {hours} h: it ends at {time}, in {duration}.</source>
        <translation>Duración máxima {hours} h: termina a las {time}, dentro de {duration}.</translation>
    </message>
    <message>
        <source>Close it or extend it before then.</source>
        <translation>Ciérrela o extiéndala antes.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <source>Keyboard shortcuts · {pane}</source>
        <translation>Atajos de teclado · {pane}</translation>
    </message>
    <message>
        <source>How the {pane} pane works</source>
        <translation>Cómo funciona el panel {pane}</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to Hydrobit</source>
        <translation>Iniciar sesión en Hydrobit</translation>
    </message>
    <message>
        <source>Same as the server, if left empty</source>
        <translation>Igual que el servidor, si se deja vacío</translation>
    </message>
    <message>
        <source>https://… (your company&apos;s sign-in service)</source>
        <translation>https://… (el servicio de inicio de sesión de su empresa)</translation>
    </message>
    <message>
        <source>x-api-key header</source>
        <translation>encabezado x-api-key</translation>
    </message>
    <message>
        <source>Authorization: Bearer keyId.token</source>
        <translation>Authorization: Bearer keyId.token</translation>
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
        <source>Sign-in service (issuer)</source>
        <translation>Servicio de inicio de sesión (emisor)</translation>
    </message>
    <message>
        <source>&amp;Advanced</source>
        <translation>A&amp;vanzado</translation>
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
        <source>Sign in with &amp;browser or code</source>
        <translation>Iniciar sesión con &amp;navegador o código</translation>
    </message>
    <message>
        <source>Sign in with token</source>
        <translation>Iniciar sesión con token</translation>
    </message>
    <message>
        <source>Use this computer&apos;s browser instead</source>
        <translation>Usar el navegador de esta computadora</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>Clave de API</translation>
    </message>
    <message>
        <source>Sign in with your company&apos;s Hydrobit account. HydroDesk keeps your sign-in in this computer&apos;s system keychain, never in a file.</source>
        <translation>Inicie sesión con la cuenta Hydrobit de su empresa. HydroDesk guarda su sesión en el llavero del sistema de esta computadora, nunca en un archivo.</translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation>ID de cliente</translation>
    </message>
    <message>
        <source>Send the API key as</source>
        <translation>Enviar la clave de API como</translation>
    </message>
    <message>
        <source>CA bundle</source>
        <translation>Certificados de CA</translation>
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
        <source>Enter the address of your company&apos;s sign-in service, or paste a token under Advanced.</source>
        <translation>Escriba la dirección del servicio de inicio de sesión de su empresa, o pegue un token en Avanzado.</translation>
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
        <source>The sign-in issuer address must start with https://.</source>
        <translation>La dirección del emisor de inicio de sesión debe empezar con https://.</translation>
    </message>
    <message>
        <source>The sign-in issuer address must use https:// (plain http is only allowed on this computer).</source>
        <translation>La dirección del emisor de inicio de sesión debe usar https:// (http simple solo se permite en esta computadora).</translation>
    </message>
    <message>
        <source>Enter the client ID your administrator gave you.</source>
        <translation>Escriba el ID de cliente que le dio su administrador.</translation>
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
<context>
    <name>SingleInstance</name>
    <message>
        <source>HydroDesk was already open for this account: here it is.</source>
        <translation>HydroDesk ya estaba abierto para esta cuenta: aquí está.</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <source>Sign in again…</source>
        <translation>Iniciar sesión de nuevo…</translation>
    </message>
    <message>
        <source>The server no longer accepts your sign-in. Sign in to send the changes waiting here.</source>
        <translation>El servidor ya no acepta su inicio de sesión. Inicie sesión para enviar los cambios pendientes.</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sincronizar</translation>
    </message>
    <message>
        <source>Send the changes waiting here and fetch the latest data now (Ctrl+Shift+S)</source>
        <translation>Enviar ahora los cambios pendientes y obtener los datos más recientes (Ctrl+Mayús+S)</translation>
    </message>
    <message>
        <source>1 change waiting</source>
        <translation>1 cambio pendiente</translation>
    </message>
    <message>
        <source>{count} changes waiting</source>
        <translation>{count} cambios pendientes</translation>
    </message>
    <message>
        <source>Saved on this computer and waiting to be sent to the server. Click to open the Outbox.</source>
        <translation>Guardados en este equipo y esperando a enviarse al servidor. Haga clic para abrir la Bandeja de salida.</translation>
    </message>
    <message>
        <source>1 change needs your decision</source>
        <translation>1 cambio necesita su decisión</translation>
    </message>
    <message>
        <source>{count} changes need your decision</source>
        <translation>{count} cambios necesitan su decisión</translation>
    </message>
    <message>
        <source>The server did not take these changes. Open the Outbox to retry, fix, move or discard them.</source>
        <translation>El servidor no aceptó estos cambios. Abra la Bandeja de salida para reintentarlos, corregirlos, moverlos o descartarlos.</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Aún sin sincronizar</translation>
    </message>
    <message>
        <source>Last synced {time}</source>
        <translation>Última sincronización {time}</translation>
    </message>
    <message>
        <source>Trying again…</source>
        <translation>Reintentando…</translation>
    </message>
    <message>
        <source>Next try in {seconds} s</source>
        <translation>Próximo intento en {seconds} s</translation>
    </message>
    <message>
        <source>Next try in {minutes} min</source>
        <translation>Próximo intento en {minutes} min</translation>
    </message>
    <message>
        <source>At {time}</source>
        <translation>A las {time}</translation>
    </message>
</context>
<context>
    <name>SyncText</name>
    <message>
        <source>This computer has no network connection.</source>
        <translation>Este equipo no tiene conexión de red.</translation>
    </message>
    <message>
        <source>The Hydrobit server cannot be reached.</source>
        <translation>No se puede contactar con el servidor de Hydrobit.</translation>
    </message>
    <message>
        <source>The Hydrobit server is not answering in time.</source>
        <translation>El servidor de Hydrobit no responde a tiempo.</translation>
    </message>
    <message>
        <source>The Hydrobit server (or HydroDesk) had a problem.</source>
        <translation>El servidor de Hydrobit (o HydroDesk) tuvo un problema.</translation>
    </message>
    <message>
        <source>The Hydrobit server sent a reply HydroDesk could not understand.</source>
        <translation>El servidor de Hydrobit envió una respuesta que HydroDesk no pudo entender.</translation>
    </message>
    <message>
        <source>The Hydrobit server no longer accepts your sign-in.</source>
        <translation>El servidor de Hydrobit ya no acepta su inicio de sesión.</translation>
    </message>
    <message>
        <source>HydroDesk hit an internal error while syncing; the changes concerned wait in the Outbox.</source>
        <translation>HydroDesk tuvo un error interno al sincronizar; los cambios afectados esperan en la Bandeja de salida.</translation>
    </message>
    <message>
        <source>This computer&apos;s disk is full: free some space and syncing goes on by itself.</source>
        <translation>El disco de este equipo está lleno: libere espacio y la sincronización sigue sola.</translation>
    </message>
</context>
<context>
    <name>TablePrint</name>
    <message>
        <source>1 row</source>
        <translation>1 fila</translation>
    </message>
    <message>
        <source>{count} rows</source>
        <translation>{count} filas</translation>
    </message>
    <message>
        <source>{rows} · printed {when} by HydroDesk</source>
        <translation>{rows} · impreso el {when} por HydroDesk</translation>
    </message>
</context>
<context>
    <name>TalliesActions</name>
    <message>
        <source>Choose a session first.</source>
        <translation>Elija primero una sesión.</translation>
    </message>
    <message>
        <source>The entry for {name} could not be saved: {error}</source>
        <translation>No se pudo guardar la entrada de {name}: {error}</translation>
    </message>
    <message>
        <source>Nothing to undo: no entry was made here in this session yet.</source>
        <translation>Nada que deshacer: aún no se registró ninguna entrada aquí en esta sesión.</translation>
    </message>
    <message>
        <source>entry mistake</source>
        <translation>error de captura</translation>
    </message>
    <message>
        <source>Select an entry that can be voided (not a void, not voided already).</source>
        <translation>Seleccione una entrada que se pueda anular (que no sea una anulación ni esté ya anulada).</translation>
    </message>
    <message>
        <source>Void {amount} of {name}?</source>
        <translation>¿Anular {amount} de {name}?</translation>
    </message>
    <message>
        <source>Recorded at {time} for {id}.</source>
        <translation>Registrado a las {time} para {id}.</translation>
    </message>
    <message>
        <source>No entries are flagged as possible duplicates.</source>
        <translation>No hay entradas marcadas como posibles duplicados.</translation>
    </message>
    <message>
        <source>Void 1 flagged entry?</source>
        <translation>¿Anular 1 entrada marcada?</translation>
    </message>
    <message>
        <source>Void {count} flagged entries?</source>
        <translation>¿Anular {count} entradas marcadas?</translation>
    </message>
    <message>
        <source>Each follows the same worker&apos;s previous delivery within {seconds} s: {names}.</source>
        <translation>Cada una sigue a la entrega anterior del mismo trabajador en menos de {seconds} s: {names}.</translation>
    </message>
    <message>
        <source>Could not void the entry of {name}: {error}</source>
        <translation>No se pudo anular la entrada de {name}: {error}</translation>
    </message>
    <message>
        <source>Voided 1 entry.</source>
        <translation>Se anuló 1 entrada.</translation>
    </message>
    <message>
        <source>Voided {count} entries.</source>
        <translation>Se anularon {count} entradas.</translation>
    </message>
</context>
<context>
    <name>TalliesDisplay</name>
    <message>
        <source>Not signed in</source>
        <translation>Sin iniciar sesión</translation>
    </message>
    <message>
        <source>Sign in to record tallies; they are kept on this computer until they sync.</source>
        <translation>Inicie sesión para registrar conteos; se guardan en este equipo hasta que se sincronicen.</translation>
    </message>
    <message>
        <source>No project selected</source>
        <translation>Ningún proyecto seleccionado</translation>
    </message>
    <message>
        <source>Choose a project or sector in the navigator to see its sessions and tallies.</source>
        <translation>Elija un proyecto o sector en el navegador para ver sus sesiones y conteos.</translation>
    </message>
    <message>
        <source>No session on {day} in {where}. Open one in the Sessions pane, or pick another day.</source>
        <translation>No hay sesión el {day} en {where}. Abra una en el panel Sesiones o elija otro día.</translation>
    </message>
    <message>
        <source>Open a session</source>
        <translation>Abrir una sesión</translation>
    </message>
    <message>
        <source> + {value} % bonus</source>
        <translation> + {value} % de bono</translation>
    </message>
    <message>
        <source> + {value} flat bonus</source>
        <translation> + {value} de bono fijo</translation>
    </message>
    <message>
        <source>{sector} · {day} · times in {zone} · {price} per {unit}{bonus}</source>
        <translation>{sector} · {day} · horas en {zone} · {price} por {unit}{bonus}</translation>
    </message>
    <message>
        <source>No entries yet.</source>
        <translation>Aún no hay entradas.</translation>
    </message>
    <message>
        <source>1 worker</source>
        <translation>1 trabajador</translation>
    </message>
    <message>
        <source>{count} workers</source>
        <translation>{count} trabajadores</translation>
    </message>
    <message>
        <source>1 record</source>
        <translation>1 registro</translation>
    </message>
    <message>
        <source>{count} records</source>
        <translation>{count} registros</translation>
    </message>
    <message>
        <source>1 void</source>
        <translation>1 anulación</translation>
    </message>
    <message>
        <source>{count} voids</source>
        <translation>{count} anulaciones</translation>
    </message>
    <message>
        <source>pay {pay}</source>
        <translation>pago {pay}</translation>
    </message>
    <message>
        <source> (bonus {bonus})</source>
        <translation> (bono {bonus})</translation>
    </message>
    <message>
        <source> · {units} waiting to sync</source>
        <translation> · {units} por sincronizar</translation>
    </message>
    <message>
        <source>{count} need attention (see Outbox)</source>
        <translation>{count} requieren atención (ver Bandeja de salida)</translation>
    </message>
    <message>
        <source>1 needs attention (see Outbox)</source>
        <translation>1 requiere atención (ver Bandeja de salida)</translation>
    </message>
    <message>
        <source>Offline · {count} saved here, waiting to sync</source>
        <translation>Sin conexión · {count} guardadas aquí, por sincronizar</translation>
    </message>
    <message>
        <source>{count} waiting to sync</source>
        <translation>{count} por sincronizar</translation>
    </message>
    <message>
        <source>Offline · entries are kept on this computer</source>
        <translation>Sin conexión · las entradas se guardan en este equipo</translation>
    </message>
    <message>
        <source>All entries on the server</source>
        <translation>Todas las entradas en el servidor</translation>
    </message>
    <message>
        <source>Void flagged entries ({count})…</source>
        <translation>Anular entradas marcadas ({count})…</translation>
    </message>
    <message>
        <source>Void flagged entries…</source>
        <translation>Anular entradas marcadas…</translation>
    </message>
    <message>
        <source>{sector} · open since {time}</source>
        <translation>{sector} · abierta desde las {time}</translation>
    </message>
    <message>
        <source>{sector} · closed · opened at {time}</source>
        <translation>{sector} · cerrada · se abrió a las {time}</translation>
    </message>
    <message>
        <source> · not yet on the server</source>
        <translation> · aún no está en el servidor</translation>
    </message>
</context>
<context>
    <name>TalliesLayout</name>
    <message>
        <source>Tallies</source>
        <translation>Conteos</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sesión</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Día</translation>
    </message>
    <message>
        <source>&amp;Session</source>
        <translation>&amp;Sesión</translation>
    </message>
    <message>
        <source>&amp;Day</source>
        <translation>&amp;Día</translation>
    </message>
    <message>
        <source>PER WORKER</source>
        <translation>POR TRABAJADOR</translation>
    </message>
    <message>
        <source>The selected session</source>
        <translation>La sesión seleccionada</translation>
    </message>
    <message>
        <source>Every session of the day in this project or sector</source>
        <translation>Todas las sesiones del día en este proyecto o sector</translation>
    </message>
    <message>
        <source>Season</source>
        <translation>Temporada</translation>
    </message>
    <message>
        <source>Every session from the season&apos;s first day</source>
        <translation>Todas las sesiones desde el primer día de la temporada</translation>
    </message>
    <message>
        <source>Season starts</source>
        <translation>Inicio de temporada</translation>
    </message>
    <message>
        <source>from</source>
        <translation>desde</translation>
    </message>
    <message>
        <source>tally</source>
        <comment>file name</comment>
        <translation>conteo</translation>
    </message>
    <message>
        <source>ENTRIES</source>
        <translation>ENTRADAS</translation>
    </message>
    <message>
        <source>tally-entries</source>
        <comment>file name</comment>
        <translation>registros-de-conteo</translation>
    </message>
    <message>
        <source>Void…</source>
        <translation>Anular…</translation>
    </message>
    <message>
        <source>Cancel the selected entry with a reason (Delete)</source>
        <translation>Anular la entrada seleccionada indicando un motivo (Supr)</translation>
    </message>
    <message>
        <source>Void flagged entries…</source>
        <translation>Anular entradas marcadas…</translation>
    </message>
    <message>
        <source>Cancel every suspected duplicate at once, with one reason</source>
        <translation>Anular de una vez todos los posibles duplicados, con un mismo motivo</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Duplicate window in seconds</source>
        <translation>Ventana de duplicados en segundos</translation>
    </message>
    <message>
        <source>Flag a worker&apos;s delivery that follows their previous one within this many seconds (0: never)</source>
        <translation>Marcar la entrega de un trabajador que sigue a la anterior en menos de estos segundos (0: nunca)</translation>
    </message>
    <message>
        <source>Flag &amp;repeats within</source>
        <translation>Marcar &amp;repeticiones en</translation>
    </message>
    <message>
        <source>Put the cursor in the entry row</source>
        <translation>Poner el cursor en la fila de entrada</translation>
    </message>
    <message>
        <source>Undo the last entry (it is voided as an entry mistake)</source>
        <translation>Deshacer la última entrada (se anula como error de captura)</translation>
    </message>
</context>
<context>
    <name>TalliesLoading</name>
    <message>
        <source>That session is not on this computer yet; press F5 to refresh.</source>
        <translation>Esa sesión aún no está en este equipo; pulse F5 para actualizar.</translation>
    </message>
    <message>
        <source>This session is closed: its tally can be read and exported, but no longer changed.</source>
        <translation>Esta sesión está cerrada: su conteo se puede consultar y exportar, pero ya no cambiar.</translation>
    </message>
    <message>
        <source>This session is being closed: new entries would be refused.</source>
        <translation>Esta sesión se está cerrando: se rechazarían nuevas entradas.</translation>
    </message>
    <message>
        <source>Only the supervisor who opened this session ({owner}) can record in it.</source>
        <translation>Solo el supervisor que abrió esta sesión ({owner}) puede registrar en ella.</translation>
    </message>
    <message>
        <source>Open a session of your own in {sector}</source>
        <translation>Abrir una sesión propia en {sector}</translation>
    </message>
    <message>
        <source>Go to your open session ({where}, {day})</source>
        <translation>Ir a su sesión abierta ({where}, {day})</translation>
    </message>
</context>
<context>
    <name>TalliesPane</name>
    <message>
        <source>Choose the session, then type a worker&apos;s name or ID (or scan a badge) in the entry row and press Enter to record their units. The left table adds up units and pay per worker for the session, the day or the season; the right one lists every entry, newest first. An entry is never deleted: void it with a reason and the count goes back down.</source>
        <translation>Elija la sesión, luego escriba el nombre o el ID de un trabajador (o escanee un gafete) en la fila de entrada y pulse Intro para registrar sus unidades. La tabla de la izquierda suma unidades y pago por trabajador en la sesión, el día o la temporada; la de la derecha lista cada entrada, la más reciente primero. Una entrada nunca se borra: anúlela con un motivo y el conteo vuelve a bajar.</translation>
    </message>
    <message>
        <source>In the entry row: record the units for the worker found</source>
        <translation>En la fila de entrada: registrar las unidades del trabajador encontrado</translation>
    </message>
    <message>
        <source>In the entry row: clear it</source>
        <translation>En la fila de entrada: vaciarla</translation>
    </message>
    <message>
        <source>In the entries: void the selected entry</source>
        <translation>En las entradas: anular la entrada seleccionada</translation>
    </message>
</context>
<context>
    <name>TallyEntryRow</name>
    <message>
        <source>Worker</source>
        <translation>Trabajador</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Unidades</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Registrar</translation>
    </message>
    <message>
        <source>Name or ID, or scan a badge · AM01 5 records 5 (Ctrl+L)</source>
        <translation>Nombre o ID, o escanee un gafete · AM01 5 registra 5 (Ctrl+L)</translation>
    </message>
    <message>
        <source>On: Enter after a worker records at once (counted units, badge scanners). Off: Enter moves to the units (weighed units). Remembered for this session.</source>
        <translation>Activado: Intro tras el trabajador registra al instante (unidades contadas, lectores de gafetes). Desactivado: Intro pasa a las unidades (unidades pesadas). Se recuerda para esta sesión.</translation>
    </message>
    <message>
        <source>Record the units for the worker (Enter)</source>
        <translation>Registrar las unidades del trabajador (Intro)</translation>
    </message>
    <message>
        <source>&amp;Worker</source>
        <translation>&amp;Trabajador</translation>
    </message>
    <message>
        <source>&amp;Units</source>
        <translation>U&amp;nidades</translation>
    </message>
    <message>
        <source>Enter records {amount}</source>
        <translation>Intro registra {amount}</translation>
    </message>
    <message>
        <source>Recorded {units} for {name} ({id}). Ctrl+Z undoes it.</source>
        <translation>Registrado: {units} para {name} ({id}). Ctrl+Z lo deshace.</translation>
    </message>
    <message>
        <source>Undone: {units} for {name} voided as “{reason}”.</source>
        <translation>Deshecho: {units} de {name} anulado como «{reason}».</translation>
    </message>
    <message>
        <source>Units must be more than 0.</source>
        <translation>Las unidades deben ser más de 0.</translation>
    </message>
    <message>
        <source>{units} is too many for one entry: check the number.</source>
        <translation>{units} es demasiado para una entrada: revise el número.</translation>
    </message>
    <message>
        <source>This session counts whole {unit}: {units} is not a whole number.</source>
        <translation>Esta sesión cuenta {unit} enteras: {units} no es un número entero.</translation>
    </message>
    <message>
        <source>“{units}” is not a number of units.</source>
        <translation>«{units}» no es un número de unidades.</translation>
    </message>
    <message>
        <source>Enter after a worker records the units shown at once.</source>
        <translation>Intro tras el trabajador registra al instante las unidades indicadas.</translation>
    </message>
    <message>
        <source>Enter after a worker moves to the units; type them and Enter again.</source>
        <translation>Intro tras el trabajador pasa a las unidades; escríbalas y pulse Intro otra vez.</translation>
    </message>
    <message>
        <source>Type part of a name or an ID, or scan a badge. {enter}</source>
        <translation>Escriba parte de un nombre o un ID, o escanee un gafete. {enter}</translation>
    </message>
    <message>
        <source>Fast: “AM01 5” or “5*AM01” records 5 at once; a number alone sets the units of the next entry.</source>
        <translation>Rápido: «AM01 5» o «5*AM01» registra 5 al instante; un número solo fija las unidades de la siguiente entrada.</translation>
    </message>
    <message>
        <source>{count} workers match “{text}”: type more of the name or ID, or pick one with ↓ and Enter.</source>
        <translation>{count} trabajadores coinciden con «{text}»: escriba más del nombre o del ID, o elija uno con ↓ e Intro.</translation>
    </message>
    <message>
        <source>Type a worker&apos;s name or ID first.</source>
        <translation>Escriba primero el nombre o ID de un trabajador.</translation>
    </message>
    <message>
        <source>No worker matches “{text}”. Check the spelling or the badge.</source>
        <translation>Ningún trabajador coincide con «{text}». Revise la escritura o el gafete.</translation>
    </message>
    <message>
        <source>“{text}” is not a worker: type a name or an ID, then the units (AM01 5).</source>
        <translation>«{text}» no es un trabajador: escriba un nombre o un ID y después las unidades (AM01 5).</translation>
    </message>
    <message>
        <source>{units} for the next entry: now the worker (name, ID or badge), then Enter.</source>
        <translation>{units} para la siguiente entrada: ahora el trabajador (nombre, ID o gafete) e Intro.</translation>
    </message>
    <message>
        <source>{name} ({id}): type the {unit}, then Enter.</source>
        <translation>{name} ({id}): escriba los {unit} y pulse Intro.</translation>
    </message>
    <message>
        <source>units</source>
        <translation>unidades</translation>
    </message>
</context>
<context>
    <name>TallyFileTools</name>
    <message>
        <source>Worker</source>
        <translation>Trabajador</translation>
    </message>
    <message>
        <source>Worker ID</source>
        <translation>ID del trabajador</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unidad</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Unidades</translation>
    </message>
    <message>
        <source>Base pay</source>
        <translation>Pago base</translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation>Bono</translation>
    </message>
    <message>
        <source>Pay</source>
        <translation>Pago</translation>
    </message>
    <message>
        <source>Pending units</source>
        <translation>Unidades pendientes</translation>
    </message>
    <message>
        <source>Sectors</source>
        <translation>Sectores</translation>
    </message>
    <message>
        <source>TOTAL</source>
        <translation>TOTAL</translation>
    </message>
    <message>
        <source>Export session payroll</source>
        <translation>Exportar nómina de la sesión</translation>
    </message>
    <message>
        <source>payroll</source>
        <comment>file name</comment>
        <translation>nómina</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Libros de Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Payroll</source>
        <translation>Nómina</translation>
    </message>
    <message>
        <source>Exported the payroll of 1 worker to {path}</source>
        <translation>Nómina de 1 trabajador exportada a {path}</translation>
    </message>
    <message>
        <source>Exported the payroll of {count} workers to {path}</source>
        <translation>Nómina de {count} trabajadores exportada a {path}</translation>
    </message>
    <message>
        <source>Export day payroll</source>
        <translation>Exportar nómina del día</translation>
    </message>
    <message>
        <source>payroll-day</source>
        <comment>file name</comment>
        <translation>nómina-del-día</translation>
    </message>
    <message>
        <source>Gathering the day&apos;s sessions…</source>
        <translation>Reuniendo las sesiones del día…</translation>
    </message>
    <message>
        <source>1 worker</source>
        <translation>1 trabajador</translation>
    </message>
    <message>
        <source>{count} workers</source>
        <translation>{count} trabajadores</translation>
    </message>
    <message>
        <source>1 session</source>
        <translation>1 sesión</translation>
    </message>
    <message>
        <source>{count} sessions</source>
        <translation>{count} sesiones</translation>
    </message>
    <message>
        <source>Exported the day payroll of {workers} from {sessions} to {path}</source>
        <translation>Nómina del día de {workers} de {sessions} exportada a {path}</translation>
    </message>
    <message>
        <source>(1 session of another supervisor is not included: only they can see its entries.)</source>
        <translation>(No se incluye 1 sesión de otro supervisor: solo él puede ver sus registros.)</translation>
    </message>
    <message>
        <source>({count} sessions of other supervisors are not included: only they can see their entries.)</source>
        <translation>(No se incluyen {count} sesiones de otros supervisores: solo ellos pueden ver sus registros.)</translation>
    </message>
    <message>
        <source>Sent the day report to the printer</source>
        <translation>Reporte del día enviado a la impresora</translation>
    </message>
    <message>
        <source>day-report</source>
        <comment>file name</comment>
        <translation>reporte-del-día</translation>
    </message>
    <message>
        <source>Save day report as PDF</source>
        <translation>Guardar reporte del día como PDF</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documentos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the day report…</source>
        <translation>Escribiendo el reporte del día…</translation>
    </message>
    <message>
        <source>the file could not be written</source>
        <translation>no se pudo escribir el archivo</translation>
    </message>
    <message>
        <source>Saved the day report to {path} (pages: {pages})</source>
        <translation>Reporte del día guardado en {path} (páginas: {pages})</translation>
    </message>
    <message>
        <source>File not saved</source>
        <translation>Archivo no guardado</translation>
    </message>
    <message>
        <source>{path} could not be written: {reason}.</source>
        <translation>No se pudo escribir {path}: {reason}.</translation>
    </message>
</context>
<context>
    <name>TallyImport</name>
    <message>
        <source> or </source>
        <translation> o </translation>
    </message>
    <message>
        <source>No worker: give a worker_id or the worker&apos;s name.</source>
        <translation>Sin trabajador: indique un worker_id o el nombre del trabajador.</translation>
    </message>
    <message>
        <source>No worker “{text}” on the roster. Did you mean {names}?</source>
        <translation>No hay ningún trabajador «{text}» en la plantilla de personal. ¿Quiso decir {names}?</translation>
    </message>
    <message>
        <source>No worker “{text}” on the roster; check the spelling or add the worker.</source>
        <translation>No hay ningún trabajador «{text}» en la plantilla de personal; revise cómo está escrito o dé de alta al trabajador.</translation>
    </message>
    <message>
        <source>“{text}” could be {names}: write the worker_id instead.</source>
        <translation>«{text}» podría ser {names}: escriba el worker_id.</translation>
    </message>
    <message>
        <source>{worker_id} is {expected}, not {given}: check which one is meant.</source>
        <translation>{worker_id} es {expected}, no {given}: revise a quién se refiere.</translation>
    </message>
    <message>
        <source>No units given.</source>
        <translation>No se indicaron unidades.</translation>
    </message>
    <message>
        <source>Units “{text}” is not a number.</source>
        <translation>Las unidades «{text}» no son un número.</translation>
    </message>
    <message>
        <source>Units “{text}” can be read two ways: write the number without a thousands separator.</source>
        <translation>Las unidades «{text}» se pueden leer de dos maneras: escriba el número sin separador de miles.</translation>
    </message>
    <message>
        <source>Units cannot be negative ({units}); void the entry in the tally instead.</source>
        <translation>Las unidades no pueden ser negativas ({units}); en su lugar, anule el registro en el conteo.</translation>
    </message>
    <message>
        <source>0 units: nothing to record. Leave the row out.</source>
        <translation>0 unidades: no hay nada que registrar. Quite la fila.</translation>
    </message>
    <message>
        <source>{units} {unit} in one row is more than the {limit} that is plausible.</source>
        <translation>{units} {unit} en una fila es más que el máximo razonable de {limit}.</translation>
    </message>
    <message>
        <source>Time “{text}” cannot be read: write it like 14:30 or 2:30 pm.</source>
        <translation>No se puede leer la hora «{text}»: escríbala como 14:30 o 2:30 pm.</translation>
    </message>
    <message>
        <source>Time {time} is not on the session&apos;s day ({day}).</source>
        <translation>La hora {time} no es del día de la sesión ({day}).</translation>
    </message>
    <message>
        <source>Repeats row {row} (same worker, units and time). If it is a second delivery, give it its own time.</source>
        <translation>Repite la fila {row} (mismo trabajador, unidades y hora). Si es una segunda entrega, póngale su propia hora.</translation>
    </message>
    <message>
        <source>The sheet has no rows to import.</source>
        <translation>La hoja no tiene filas para importar.</translation>
    </message>
    <message>
        <source>No worker column was found. The first row should name the columns, such as worker_id, units and time (it reads: {header}). Download the template to see the layout.</source>
        <translation>No se encontró la columna de trabajador. La primera fila debe nombrar las columnas, como worker_id, units y time (dice: {header}). Descargue la plantilla para ver el formato.</translation>
    </message>
    <message>
        <source>No units column was found. The first row should name the columns, such as worker_id, units and time (it reads: {header}). Download the template to see the layout.</source>
        <translation>No se encontró la columna de unidades. La primera fila debe nombrar las columnas, como worker_id, units y time (dice: {header}). Descargue la plantilla para ver el formato.</translation>
    </message>
    <message>
        <source>The sheet has {rows} rows; split it into sheets of at most {limit}.</source>
        <translation>La hoja tiene {rows} filas; divídala en hojas de {limit} como máximo.</translation>
    </message>
</context>
<context>
    <name>TallyTools</name>
    <message>
        <source>&amp;Import tally sheet…</source>
        <translation>I&amp;mportar hoja de conteo…</translation>
    </message>
    <message>
        <source>Record a day&apos;s paper tally sheet from a CSV or Excel file (Ctrl+I)</source>
        <translation>Registrar la hoja de conteo en papel de un día desde un archivo CSV o Excel (Ctrl+I)</translation>
    </message>
    <message>
        <source>Download sheet &amp;template…</source>
        <translation>Descargar &amp;plantilla de hoja…</translation>
    </message>
    <message>
        <source>Save an empty tally sheet with the columns the import reads</source>
        <translation>Guardar una hoja de conteo vacía con las columnas que lee la importación</translation>
    </message>
    <message>
        <source>Export session &amp;payroll…</source>
        <translation>Exportar &amp;nómina de la sesión…</translation>
    </message>
    <message>
        <source>Save each worker&apos;s units and pay for this session as CSV or Excel (Ctrl+Shift+X)</source>
        <translation>Guardar las unidades y el pago de cada trabajador de esta sesión como CSV o Excel (Ctrl+Mayús+X)</translation>
    </message>
    <message>
        <source>Export &amp;day payroll…</source>
        <translation>Exportar nómina del &amp;día…</translation>
    </message>
    <message>
        <source>Save each worker&apos;s pay for every session of the project&apos;s day (Ctrl+Shift+D)</source>
        <translation>Guardar el pago de cada trabajador de todas las sesiones del día del proyecto (Ctrl+Mayús+D)</translation>
    </message>
    <message>
        <source>&amp;Print day report…</source>
        <translation>Im&amp;primir reporte del día…</translation>
    </message>
    <message>
        <source>Print this session&apos;s day report with totals and signature lines (Ctrl+P)</source>
        <translation>Imprimir el reporte del día de esta sesión con totales y líneas de firma (Ctrl+P)</translation>
    </message>
    <message>
        <source>Save day report as P&amp;DF…</source>
        <translation>Guardar reporte del día como P&amp;DF…</translation>
    </message>
    <message>
        <source>Save this session&apos;s day report as a PDF file (Ctrl+Shift+P)</source>
        <translation>Guardar el reporte del día de esta sesión como archivo PDF (Ctrl+Mayús+P)</translation>
    </message>
    <message>
        <source>&amp;Compare with Hydrobit…</source>
        <translation>&amp;Comparar con Hydrobit…</translation>
    </message>
    <message>
        <source>Check a closed session&apos;s per-worker figures against Hydrobit&apos;s (Ctrl+Shift+H)</source>
        <translation>Comparar las cifras por trabajador de una sesión cerrada con las de Hydrobit (Ctrl+Mayús+H)</translation>
    </message>
    <message>
        <source>A4 paper</source>
        <translation>Papel A4</translation>
    </message>
    <message>
        <source>Letter paper</source>
        <translation>Papel carta</translation>
    </message>
    <message>
        <source>Payroll</source>
        <translation>Nómina</translation>
    </message>
    <message>
        <source>Day report</source>
        <translation>Reporte del día</translation>
    </message>
    <message>
        <source>Available once the session is closed</source>
        <translation>Disponible cuando la sesión esté cerrada</translation>
    </message>
    <message>
        <source>Import tally sheet</source>
        <translation>Importar hoja de conteo</translation>
    </message>
    <message>
        <source>This session is closed, and Hydrobit adds units only to open sessions. Open a session for this sector and day in the Sessions pane, then import the sheet into it.</source>
        <translation>Esta sesión está cerrada y Hydrobit solo agrega unidades a sesiones abiertas. Abra una sesión para este sector y día en el panel Sesiones y luego importe la hoja en ella.</translation>
    </message>
    <message>
        <source>Only the supervisor who opened this session ({owner}) can add units to it. Ask them to import the sheet, or open your own session.</source>
        <translation>Solo el supervisor que abrió esta sesión ({owner}) puede agregarle unidades. Pídale que importe la hoja o abra su propia sesión.</translation>
    </message>
    <message>
        <source>Imported 1 tally entry from the sheet</source>
        <translation>Se importó 1 registro de conteo desde la hoja</translation>
    </message>
    <message>
        <source>Imported {count} tally entries from the sheet</source>
        <translation>Se importaron {count} registros de conteo desde la hoja</translation>
    </message>
    <message>
        <source>Save tally sheet template</source>
        <translation>Guardar plantilla de hoja de conteo</translation>
    </message>
    <message>
        <source>tally-sheet-template</source>
        <comment>file name</comment>
        <translation>plantilla-hoja-de-conteo</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Libros de Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Saved the tally sheet template to {path}</source>
        <translation>Plantilla de hoja de conteo guardada en {path}</translation>
    </message>
    <message>
        <source>Compare with Hydrobit</source>
        <translation>Comparar con Hydrobit</translation>
    </message>
    <message>
        <source>Hydrobit grades and totals a session once it is closed. Close the session first.</source>
        <translation>Hydrobit clasifica y totaliza una sesión cuando se cierra. Cierre primero la sesión.</translation>
    </message>
</context>
<context>
    <name>TelemetryExport</name>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Dispositivo</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>Métrica</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unidad</translation>
    </message>
</context>
<context>
    <name>TelemetryPane</name>
    <message>
        <source>Live telemetry</source>
        <translation>Telemetría en vivo</translation>
    </message>
    <message>
        <source>5 min</source>
        <translation>5 min</translation>
    </message>
    <message>
        <source>Show the last 5 minutes</source>
        <translation>Mostrar los últimos 5 minutos</translation>
    </message>
    <message>
        <source>1 h</source>
        <translation>1 h</translation>
    </message>
    <message>
        <source>Show the last hour</source>
        <translation>Mostrar la última hora</translation>
    </message>
    <message>
        <source>24 h</source>
        <translation>24 h</translation>
    </message>
    <message>
        <source>Show the last 24 hours</source>
        <translation>Mostrar las últimas 24 horas</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Personalizada</translation>
    </message>
    <message>
        <source>Show a window of your choice, in minutes</source>
        <translation>Mostrar una ventana a su elección, en minutos</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <source>Freeze the charts to look back through the data (Space)</source>
        <translation>Congelar los gráficos para revisar los datos (Espacio)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Save what the charts show: the data as CSV or Excel, or a picture</source>
        <translation>Guardar lo que muestran los gráficos: los datos en CSV o Excel, o una imagen</translation>
    </message>
    <message>
        <source>Visible data as CSV…</source>
        <translation>Datos visibles en CSV…</translation>
    </message>
    <message>
        <source>Visible data as Excel…</source>
        <translation>Datos visibles en Excel…</translation>
    </message>
    <message>
        <source>Charts as PNG picture…</source>
        <translation>Gráficos como imagen PNG…</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Ventana</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>Series</translation>
    </message>
    <message>
        <source>{where} · {online} of 1 device online · times in {zone}</source>
        <translation>{where} · {online} de 1 dispositivo en línea · horas en {zone}</translation>
    </message>
    <message>
        <source>{where} · {online} of {count} devices online · times in {zone}</source>
        <translation>{where} · {online} de {count} dispositivos en línea · horas en {zone}</translation>
    </message>
    <message>
        <source>Find series (device or metric)</source>
        <translation>Buscar series (equipo o variable)</translation>
    </message>
    <message>
        <source>Show only the series whose device or metric contains this text</source>
        <translation>Mostrar solo las series cuyo equipo o variable contiene este texto</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Todas</translation>
    </message>
    <message>
        <source>Plot every series the list shows</source>
        <translation>Graficar todas las series que muestra la lista</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguna</translation>
    </message>
    <message>
        <source>Stop plotting the series the list shows</source>
        <translation>Dejar de graficar las series que muestra la lista</translation>
    </message>
    <message>
        <source>Scrub back through the data held (the charts pause while you do)</source>
        <translation>Recorrer los datos guardados (los gráficos se pausan mientras tanto)</translation>
    </message>
    <message>
        <source>devices</source>
        <comment>file name</comment>
        <translation>dispositivos</translation>
    </message>
    <message>
        <source>Live readings of the selected project&apos;s devices. Tick the series to plot in the list on the left; Space pauses the charts so you can look back, and the window buttons choose how much time they show. The device list below says which devices are online and how their batteries and signal are.</source>
        <translation>Lecturas en vivo de los dispositivos del proyecto seleccionado. Marque las series a graficar en la lista de la izquierda; Espacio pausa las gráficas para mirar atrás, y los botones de ventana eligen cuánto tiempo muestran. La lista de dispositivos de abajo dice cuáles están en línea y cómo están su batería y su señal.</translation>
    </message>
    <message>
        <source>The last 24 hours could not be loaded from the server: {reason} The charts show what this computer has stored; live data carries on.</source>
        <translation>No se pudieron cargar las últimas 24 horas desde el servidor: {reason} Las gráficas muestran lo que este equipo tiene guardado; los datos en vivo siguen llegando.</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>En vivo</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>Reconnecting…</source>
        <translation>Reconectando…</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Rechazado</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Detenido</translation>
    </message>
    <message>
        <source>The live data connection was lost.</source>
        <translation>Se perdió la conexión de datos en vivo.</translation>
    </message>
    <message>
        <source> Retrying in {seconds} s.</source>
        <translation> Se reintenta en {seconds} s.</translation>
    </message>
    <message>
        <source>{reason}{retry} The charts keep what they have and continue when the data returns.</source>
        <translation>{reason}{retry} Los gráficos conservan lo que tienen y continúan cuando vuelvan los datos.</translation>
    </message>
    <message>
        <source>SERIES ({plotted} of {total} plotted)</source>
        <translation>SERIES ({plotted} de {total} graficadas)</translation>
    </message>
    <message>
        <source>Go live</source>
        <translation>En vivo</translation>
    </message>
    <message>
        <source>All projects</source>
        <translation>Todos los proyectos</translation>
    </message>
    <message>
        <source>DEVICES ({count})</source>
        <translation>DISPOSITIVOS ({count})</translation>
    </message>
    <message>
        <source>Live data is off</source>
        <translation>Los datos en vivo están apagados</translation>
    </message>
    <message>
        <source>Sign in to a Hydrobit account, or explore the demo farm, to see live telemetry.</source>
        <translation>Inicie sesión en una cuenta de Hydrobit, o explore la finca de demostración, para ver la telemetría en vivo.</translation>
    </message>
    <message>
        <source>Loading the last 24 hours…</source>
        <translation>Cargando las últimas 24 horas…</translation>
    </message>
    <message>
        <source>HydroDesk is fetching the devices&apos; telemetry history; live data follows as it arrives.</source>
        <translation>HydroDesk está descargando el historial de telemetría de los dispositivos; los datos en vivo se añaden a medida que llegan.</translation>
    </message>
    <message>
        <source>HydroDesk is connecting to the live data server.</source>
        <translation>HydroDesk se está conectando al servidor de datos en vivo.</translation>
    </message>
    <message>
        <source>Not connected to the live data server</source>
        <translation>Sin conexión con el servidor de datos en vivo</translation>
    </message>
    <message>
        <source>{message} HydroDesk keeps retrying by itself; check the network if this lasts.</source>
        <translation>{message} HydroDesk sigue reintentando por sí solo; revise la red si esto persiste.</translation>
    </message>
    <message>
        <source>No devices have reported yet</source>
        <translation>Ningún dispositivo ha informado todavía</translation>
    </message>
    <message>
        <source>Connected, but no field device has sent telemetry. Devices report every few seconds: check that the field gateways are powered and online.</source>
        <translation>Conectado, pero ningún dispositivo de campo ha enviado telemetría. Los dispositivos informan cada pocos segundos: compruebe que las pasarelas de campo tienen corriente y conexión.</translation>
    </message>
    <message>
        <source>Nothing plotted</source>
        <translation>Nada graficado</translation>
    </message>
    <message>
        <source>Tick the series to plot in the list on the left (flow, pressure, soil moisture, ...).</source>
        <translation>Marque en la lista de la izquierda las series que desea graficar (caudal, presión, humedad del suelo, ...).</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Libros de Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>PNG pictures (*.png)</source>
        <translation>Imágenes PNG (*.png)</translation>
    </message>
    <message>
        <source>Export telemetry</source>
        <translation>Exportar telemetría</translation>
    </message>
    <message>
        <source>telemetry</source>
        <comment>file name</comment>
        <translation>telemetría</translation>
    </message>
    <message>
        <source>Saved the charts to {path}</source>
        <translation>Gráficos guardados en {path}</translation>
    </message>
</context>
<context>
    <name>ThresholdDialog</name>
    <message>
        <source>Action thresholds</source>
        <translation>Umbrales de acción</translation>
    </message>
    <message>
        <source>A sector is in Attention or Alert for a pest when its incidence (share of points where it was found) or its severity (mean damage grade where found) reaches these percentages.</source>
        <translation>Un sector está en Atención o en Alerta por una plaga cuando su incidencia (porcentaje de puntos donde se encontró) o su severidad (grado medio de daño donde se encontró) alcanza estos porcentajes.</translation>
    </message>
    <message>
        <source>Pest or disease</source>
        <translation>Plaga o enfermedad</translation>
    </message>
    <message>
        <source>Incidence:
attention</source>
        <translation>Incidencia:
atención</translation>
    </message>
    <message>
        <source>Incidence:
alert</source>
        <translation>Incidencia:
alerta</translation>
    </message>
    <message>
        <source>Severity:
attention</source>
        <translation>Severidad:
atención</translation>
    </message>
    <message>
        <source>Severity:
alert</source>
        <translation>Severidad:
alerta</translation>
    </message>
    <message>
        <source>Restore defaults</source>
        <translation>Restaurar predeterminados</translation>
    </message>
    <message>
        <source>{pest}: the attention incidence is above the alert incidence.</source>
        <translation>{pest}: la incidencia de atención supera la de alerta.</translation>
    </message>
    <message>
        <source>{pest}: the attention severity is above the alert severity.</source>
        <translation>{pest}: la severidad de atención supera la de alerta.</translation>
    </message>
</context>
<context>
    <name>TimelineChart</name>
    <message>
        <source>Irrigation</source>
        <translation>Riego</translation>
    </message>
    <message>
        <source>Moisture (%)</source>
        <translation>Humedad (%)</translation>
    </message>
    <message>
        <source>Rain, ET0 (mm)</source>
        <translation>Lluvia, ET0 (mm)</translation>
    </message>
    <message>
        <source>Scouting</source>
        <translation>Monitoreo</translation>
    </message>
    <message>
        <source>Harvest (units/h)</source>
        <translation>Cosecha (unid./h)</translation>
    </message>
    <message>
        <source>Harvest ({unit}/h)</source>
        <translation>Cosecha ({unit}/h)</translation>
    </message>
    <message>
        <source>No irrigation runs or valve commands in this sector on these days.</source>
        <translation>No hubo riegos ni órdenes de válvula en este sector en estos días.</translation>
    </message>
    <message>
        <source>No soil moisture readings for this sector on these days.</source>
        <translation>No hay lecturas de humedad del suelo de este sector en estos días.</translation>
    </message>
    <message>
        <source>No rain or ET0 readings for this project on these days.</source>
        <translation>No hay lecturas de lluvia ni ET0 de este proyecto en estos días.</translation>
    </message>
    <message>
        <source>Nobody scouted this sector on these days.</source>
        <translation>Nadie monitoreó este sector en estos días.</translation>
    </message>
    <message>
        <source>No harvest sessions in this sector on these days.</source>
        <translation>No hubo sesiones de cosecha en este sector en estos días.</translation>
    </message>
    <message>
        <source>This account may not read these data (its API key lacks the scope). Ask your administrator.</source>
        <translation>Esta cuenta no puede leer estos datos (a su clave de API le falta el permiso). Consulte a su administrador.</translation>
    </message>
    <message>
        <source>Okay</source>
        <translation>Bien</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>Atención</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Alerta</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>Sin datos</translation>
    </message>
    <message>
        <source>Sector timeline chart</source>
        <translation>Gráfico de la línea de tiempo del sector</translation>
    </message>
    <message>
        <source>Program run</source>
        <translation>Riego por programa</translation>
    </message>
    <message>
        <source>Manual run</source>
        <translation>Riego manual</translation>
    </message>
    <message>
        <source>Rain</source>
        <translation>Lluvia</translation>
    </message>
    <message>
        <source>ET0</source>
        <translation>ET0</translation>
    </message>
    <message>
        <source>Session open</source>
        <translation>Sesión abierta</translation>
    </message>
    <message>
        <source>Units per hour</source>
        <translation>Unidades por hora</translation>
    </message>
    <message>
        <source>{depth} cm</source>
        <translation>{depth} cm</translation>
    </message>
    <message>
        <source>Command confirmed</source>
        <translation>Orden confirmada</translation>
    </message>
    <message>
        <source>Command on its way</source>
        <translation>Orden en camino</translation>
    </message>
    <message>
        <source>Command failed</source>
        <translation>Orden fallida</translation>
    </message>
</context>
<context>
    <name>TimelineExport</name>
    <message>
        <source>Irrigation run</source>
        <translation>Riego</translation>
    </message>
    <message>
        <source>Valve command</source>
        <translation>Orden de válvula</translation>
    </message>
    <message>
        <source>Scouting point</source>
        <translation>Punto de monitoreo</translation>
    </message>
    <message>
        <source>Harvest session</source>
        <translation>Sesión de cosecha</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Inicio</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Timezone</source>
        <translation>Zona horaria</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Sector</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Qué</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detalle</translation>
    </message>
</context>
<context>
    <name>TimelineLoading</name>
    <message>
        <source>Sign in to see the sector&apos;s timeline.</source>
        <translation>Inicie sesión para ver la línea de tiempo del sector.</translation>
    </message>
</context>
<context>
    <name>TimelinePane</name>
    <message>
        <source>Sector timeline</source>
        <translation>Línea de tiempo</translation>
    </message>
    <message>
        <source>&amp;Sector</source>
        <translation>&amp;Sector</translation>
    </message>
    <message>
        <source>The sector whose timeline is shown</source>
        <translation>El sector cuya línea de tiempo se muestra</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Show today at the farm</source>
        <translation>Mostrar el día de hoy en el campo</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Ayer</translation>
    </message>
    <message>
        <source>Show yesterday at the farm</source>
        <translation>Mostrar el día de ayer en el campo</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Esta semana</translation>
    </message>
    <message>
        <source>Show this week, Monday to Sunday</source>
        <translation>Mostrar esta semana, de lunes a domingo</translation>
    </message>
    <message>
        <source>Last week</source>
        <translation>Semana pasada</translation>
    </message>
    <message>
        <source>Show last week, Monday to Sunday</source>
        <translation>Mostrar la semana pasada, de lunes a domingo</translation>
    </message>
    <message>
        <source>Show the day or week before (Alt+Left)</source>
        <translation>Mostrar el día o la semana anterior (Alt+Izquierda)</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Anterior</translation>
    </message>
    <message>
        <source>Show the day or week after (Alt+Right)</source>
        <translation>Mostrar el día o la semana siguiente (Alt+Derecha)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Save the timeline: its events as CSV or Excel, or a picture</source>
        <translation>Guardar la línea de tiempo: sus eventos en CSV o Excel, o una imagen</translation>
    </message>
    <message>
        <source>Events as CSV…</source>
        <translation>Eventos en CSV…</translation>
    </message>
    <message>
        <source>Events as Excel…</source>
        <translation>Eventos en Excel…</translation>
    </message>
    <message>
        <source>Timeline as PNG picture…</source>
        <translation>Línea de tiempo como imagen PNG…</translation>
    </message>
    <message>
        <source>Show the day or week before</source>
        <translation>Mostrar el día o la semana anterior</translation>
    </message>
    <message>
        <source>Show the day or week after</source>
        <translation>Mostrar el día o la semana siguiente</translation>
    </message>
    <message>
        <source>Show today</source>
        <translation>Mostrar hoy</translation>
    </message>
    <message>
        <source>Show yesterday</source>
        <translation>Mostrar ayer</translation>
    </message>
    <message>
        <source>Show this week</source>
        <translation>Mostrar esta semana</translation>
    </message>
    <message>
        <source>Put the keyboard in the timeline (arrows move the cursor)</source>
        <translation>Llevar el teclado a la línea de tiempo (las flechas mueven el cursor)</translation>
    </message>
    <message>
        <source>One sector&apos;s day or week on one time axis: irrigation runs and valve commands, soil moisture, rain and ET0, scouting points coloured by verdict, harvest sessions and units per hour. Point at any moment (or press Ctrl+G and use the arrows) to read every lane there; the wheel zooms and dragging pans. Days already on this computer show at once, offline too.</source>
        <translation>El día o la semana de un sector en un solo eje de tiempo: riegos y órdenes de válvula, humedad del suelo, lluvia y ET0, puntos de monitoreo coloreados según su veredicto, sesiones de cosecha y unidades por hora. Señale cualquier momento (o pulse Ctrl+G y use las flechas) para leer todas las franjas en ese instante; la rueda acerca y aleja, y arrastrar desplaza. Los días que ya están en este equipo se muestran al instante, también sin conexión.</translation>
    </message>
    <message>
        <source>Left, Right</source>
        <translation>Izquierda, Derecha</translation>
    </message>
    <message>
        <source>In the timeline: move the cursor</source>
        <translation>En la línea de tiempo: mover el cursor</translation>
    </message>
    <message>
        <source>Shift+Left, Shift+Right</source>
        <translation>Mayús+Izquierda, Mayús+Derecha</translation>
    </message>
    <message>
        <source>In the timeline: pan</source>
        <translation>En la línea de tiempo: desplazar</translation>
    </message>
    <message>
        <source>In the timeline: zoom in and out</source>
        <translation>En la línea de tiempo: acercar y alejar</translation>
    </message>
    <message>
        <source>In the timeline: show the whole day or week</source>
        <translation>En la línea de tiempo: mostrar el día o la semana completos</translation>
    </message>
    <message>
        <source>Pick a project&apos;s sector in the navigator</source>
        <translation>Elija un sector de un proyecto en el navegador</translation>
    </message>
    <message>
        <source>{sector} · {project} · times in {zone}</source>
        <translation>{sector} · {project} · horas en {zone}</translation>
    </message>
    <message>
        <source>{first} – {last}</source>
        <translation>{first} – {last}</translation>
    </message>
    <message>
        <source>Pick a sector</source>
        <translation>Elija un sector</translation>
    </message>
    <message>
        <source>Choose a project&apos;s sector in the navigator to see its day on one time axis.</source>
        <translation>Elija un sector de un proyecto en el navegador para ver su día en un solo eje de tiempo.</translation>
    </message>
    <message>
        <source>Pick a sector of {project}</source>
        <translation>Elija un sector de {project}</translation>
    </message>
    <message>
        <source>The timeline shows one sector. Choose one in the Sector box above (Alt+S) or in the navigator.</source>
        <translation>La línea de tiempo muestra un sector. Elija uno en la lista Sector de arriba (Alt+S) o en el navegador.</translation>
    </message>
    <message>
        <source>The timeline cannot be shown</source>
        <translation>No se puede mostrar la línea de tiempo</translation>
    </message>
    <message>
        <source>Fetching the sector&apos;s days…</source>
        <translation>Descargando los días del sector…</translation>
    </message>
    <message>
        <source>Fetching the valves…</source>
        <translation>Descargando las válvulas…</translation>
    </message>
    <message>
        <source>Fetching the irrigation log…</source>
        <translation>Descargando el registro de riego…</translation>
    </message>
    <message>
        <source>Fetching soil moisture…</source>
        <translation>Descargando la humedad del suelo…</translation>
    </message>
    <message>
        <source>Fetching rain and ET0…</source>
        <translation>Descargando lluvia y ET0…</translation>
    </message>
    <message>
        <source>Fetching scouting records…</source>
        <translation>Descargando los registros de monitoreo…</translation>
    </message>
    <message>
        <source>Checking the valve commands…</source>
        <translation>Consultando las órdenes de válvula…</translation>
    </message>
    <message>
        <source>Fetching harvest sessions…</source>
        <translation>Descargando las sesiones de cosecha…</translation>
    </message>
    <message>
        <source>Drawing…</source>
        <translation>Dibujando…</translation>
    </message>
    <message>
        <source>Up to date</source>
        <translation>Al día</translation>
    </message>
    <message>
        <source>From this computer, fetched {when}</source>
        <translation>De este equipo, descargado {when}</translation>
    </message>
    <message>
        <source>Some days not fetched yet</source>
        <translation>Faltan días por descargar</translation>
    </message>
    <message>
        <source>{message} Showing what this computer has, fetched {when}. Press F5 to try again.</source>
        <translation>{message} Se muestra lo que tiene este equipo, descargado {when}. Pulse F5 para reintentar.</translation>
    </message>
    <message>
        <source>{message} Some of these days were never fetched, so lanes may be missing data. Press F5 to try again.</source>
        <translation>{message} Algunos de estos días nunca se descargaron, así que a las franjas les pueden faltar datos. Pulse F5 para reintentar.</translation>
    </message>
    <message>
        <source>Nothing on this computer for these days</source>
        <translation>Este equipo no tiene nada de estos días</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>Reintentar</translation>
    </message>
    <message>
        <source>Point at the timeline (or press Ctrl+G, then the arrows) to read every lane at one moment.</source>
        <translation>Señale la línea de tiempo (o pulse Ctrl+G y luego las flechas) para leer todas las franjas en un mismo momento.</translation>
    </message>
    <message>
        <source>Pick a sector first: there is no timeline to export.</source>
        <translation>Elija primero un sector: no hay línea de tiempo que exportar.</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Libros de Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>PNG pictures (*.png)</source>
        <translation>Imágenes PNG (*.png)</translation>
    </message>
    <message>
        <source>Export the timeline</source>
        <translation>Exportar la línea de tiempo</translation>
    </message>
    <message>
        <source>timeline</source>
        <comment>file name</comment>
        <translation>linea-de-tiempo</translation>
    </message>
    <message>
        <source>Saved the timeline to {path}</source>
        <translation>Línea de tiempo guardada en {path}</translation>
    </message>
    <message>
        <source>Could not export to {path}: {reason}</source>
        <translation>No se pudo exportar a {path}: {reason}</translation>
    </message>
    <message>
        <source>Exported 1 event to {path}</source>
        <translation>Se exportó 1 evento a {path}</translation>
    </message>
    <message>
        <source>Exported {count} events to {path}</source>
        <translation>Se exportaron {count} eventos a {path}</translation>
    </message>
</context>
<context>
    <name>TimelineReadout</name>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>{valve} open ({source})</source>
        <translation>{valve} abierta ({source})</translation>
    </message>
    <message>
        <source>{valve}: {action} command, {status}</source>
        <translation>{valve}: orden de {action}, {status}</translation>
    </message>
    <message>
        <source>Irrigation</source>
        <translation>Riego</translation>
    </message>
    <message>
        <source>no valve open</source>
        <translation>ninguna válvula abierta</translation>
    </message>
    <message>
        <source>Soil moisture</source>
        <translation>Humedad del suelo</translation>
    </message>
    <message>
        <source>Rain / ET0</source>
        <translation>Lluvia / ET0</translation>
    </message>
    <message>
        <source>{rain} mm rain, ET0 {et0} mm</source>
        <translation>{rain} mm de lluvia, ET0 {et0} mm</translation>
    </message>
    <message>
        <source>{amount} this hour</source>
        <translation>{amount} en esta hora</translation>
    </message>
    <message>
        <source>{pest} {count} (grade {grade})</source>
        <translation>{pest} {count} (grado {grade})</translation>
    </message>
    <message>
        <source>Scouting</source>
        <translation>Monitoreo</translation>
    </message>
    <message>
        <source>{verdict} at {time} by {scout}: {found}</source>
        <translation>{verdict} a las {time}, por {scout}: {found}</translation>
    </message>
    <message>
        <source>nothing found</source>
        <translation>no se encontró nada</translation>
    </message>
    <message>
        <source>session open</source>
        <translation>sesión abierta</translation>
    </message>
    <message>
        <source>Harvest</source>
        <translation>Cosecha</translation>
    </message>
    <message>
        <source>program</source>
        <translation>programa</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>manual</translation>
    </message>
    <message>
        <source>open</source>
        <translation>abrir</translation>
    </message>
    <message>
        <source>close</source>
        <translation>cerrar</translation>
    </message>
    <message>
        <source>waiting in the outbox</source>
        <translation>esperando en la bandeja de salida</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>pendiente</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>enviada</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>recibida</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>confirmada</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fallida</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>vencida</translation>
    </message>
</context>
<context>
    <name>UpdateDialog</name>
    <message>
        <source>Check for updates</source>
        <translation>Buscar actualizaciones</translation>
    </message>
    <message>
        <source>Checking for a newer HydroDesk…</source>
        <translation>Buscando una versión más nueva de HydroDesk…</translation>
    </message>
    <message>
        <source>You have version {current}.</source>
        <translation>Usted tiene la versión {current}.</translation>
    </message>
    <message>
        <source>&amp;Open Download Page</source>
        <translation>&amp;Abrir página de descarga</translation>
    </message>
    <message>
        <source>HydroDesk {latest} is available</source>
        <translation>HydroDesk {latest} está disponible</translation>
    </message>
    <message>
        <source>You have version {current}. Download the new version from its page and install it when it suits you: HydroDesk installs nothing by itself, and your data and outbox stay as they are.</source>
        <translation>Usted tiene la versión {current}. Descargue la nueva versión desde su página e instálela cuando le acomode: HydroDesk no instala nada por su cuenta, y sus datos y su bandeja de salida quedan como están.</translation>
    </message>
    <message>
        <source>You have the latest version</source>
        <translation>Tiene la versión más reciente</translation>
    </message>
    <message>
        <source>HydroDesk {current} is the newest release.</source>
        <translation>HydroDesk {current} es la versión más reciente.</translation>
    </message>
    <message>
        <source>The update server could not be reached</source>
        <translation>No se pudo contactar al servidor de actualizaciones</translation>
    </message>
    <message>
        <source>Check the internet connection and try again. HydroDesk works offline meanwhile.</source>
        <translation>Revise la conexión a internet y vuelva a intentarlo. Mientras tanto, HydroDesk funciona sin conexión.</translation>
    </message>
    <message>
        <source>The update server could not be trusted</source>
        <translation>No se pudo confiar en el servidor de actualizaciones</translation>
    </message>
    <message>
        <source>Its certificate could not be verified, so HydroDesk did not read its answer. A network that inspects secure connections can cause this: ask your IT contact.</source>
        <translation>No se pudo verificar su certificado, así que HydroDesk no leyó su respuesta. Puede deberse a una red que inspecciona las conexiones seguras: consulte a su encargado de informática.</translation>
    </message>
    <message>
        <source>The update server answered with an error</source>
        <translation>El servidor de actualizaciones respondió con un error</translation>
    </message>
    <message>
        <source>It answered {status}. Try again later.</source>
        <translation>Respondió {status}. Vuelva a intentarlo más tarde.</translation>
    </message>
    <message>
        <source>The release feed address is not usable</source>
        <translation>La dirección de la fuente de versiones no sirve</translation>
    </message>
    <message>
        <source>“{url}” must start with https://. Fix it in Settings &gt; General.</source>
        <translation>“{url}” debe empezar con https://. Corríjala en Configuración &gt; General.</translation>
    </message>
    <message>
        <source>No release found</source>
        <translation>No se encontró ninguna versión</translation>
    </message>
    <message>
        <source>The release feed at {url} holds no release HydroDesk can read. Check its address in Settings.</source>
        <translation>La fuente de versiones en {url} no tiene ninguna versión que HydroDesk pueda leer. Revise su dirección en Configuración.</translation>
    </message>
</context>
<context>
    <name>ValidRowsModel</name>
    <message>
        <source>Row</source>
        <translation>Fila</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>Trabajador</translation>
    </message>
    <message>
        <source>Worker ID</source>
        <translation>ID del trabajador</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Unidades</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>now (no time given)</source>
        <translation>ahora (sin hora)</translation>
    </message>
</context>
<context>
    <name>ValveCommandDialog</name>
    <message>
        <source>Open valve</source>
        <translation>Abrir válvula</translation>
    </message>
    <message>
        <source>Close valve</source>
        <translation>Cerrar válvula</translation>
    </message>
    <message>
        <source>Start program</source>
        <translation>Iniciar programa</translation>
    </message>
    <message>
        <source>Stop program</source>
        <translation>Detener programa</translation>
    </message>
    <message>
        <source>{project} · valves: {valves}</source>
        <translation>{project} · válvulas: {valves}</translation>
    </message>
    <message>
        <source>{valve} · sector {sector} · {project}</source>
        <translation>{valve} · sector {sector} · {project}</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Duration in minutes</source>
        <translation>Duración en minutos</translation>
    </message>
    <message>
        <source>If the command cannot reach the valve within this time (no connection), it is dropped.</source>
        <translation>Si el comando no llega a la válvula en este tiempo (sin conexión), se descarta.</translation>
    </message>
    <message>
        <source>Open for</source>
        <translation>Abrir durante</translation>
    </message>
    <message>
        <source>Give up delivering after</source>
        <translation>Dejar de intentar la entrega tras</translation>
    </message>
    <message>
        <source>Open {valve} in {sector} for {minutes} min?</source>
        <translation>¿Abrir {valve} en {sector} durante {minutes} min?</translation>
    </message>
    <message>
        <source>Open for {minutes} min</source>
        <translation>Abrir {minutes} min</translation>
    </message>
    <message>
        <source>Close {valve} in {sector}?</source>
        <translation>¿Cerrar {valve} en {sector}?</translation>
    </message>
    <message>
        <source>Start “{name}” now?</source>
        <translation>¿Iniciar «{name}» ahora?</translation>
    </message>
    <message>
        <source>Stop “{name}” and close all its valves?</source>
        <translation>¿Detener «{name}» y cerrar todas sus válvulas?</translation>
    </message>
</context>
<context>
    <name>ValvesModel</name>
    <message>
        <source>Valve</source>
        <translation>Válvula</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Sector</translation>
    </message>
    <message>
        <source>Commanded</source>
        <translation>Ordenado</translation>
    </message>
    <message>
        <source>Observed</source>
        <translation>Observado</translation>
    </message>
    <message>
        <source>Flow (L/min)</source>
        <translation>Caudal (L/min)</translation>
    </message>
    <message>
        <source>Expected (L/min)</source>
        <translation>Esperado (L/min)</translation>
    </message>
    <message>
        <source>Pressure (bar)</source>
        <translation>Presión (bar)</translation>
    </message>
    <message>
        <source>Last command</source>
        <translation>Último comando</translation>
    </message>
    <message>
        <source>Open until {time}</source>
        <translation>Abierta hasta las {time}</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abierta</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Cerrada</translation>
    </message>
    <message>
        <source>Fault</source>
        <translation>Avería</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Desconocido</translation>
    </message>
    <message>
        <source>device offline</source>
        <translation>dispositivo sin conexión</translation>
    </message>
</context>
<context>
    <name>Verdict</name>
    <message>
        <source>Not scouted</source>
        <translation>Sin monitoreo</translation>
    </message>
    <message>
        <source>Okay</source>
        <translation>Bien</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>Atención</translation>
    </message>
    <message>
        <source>Alert</source>
        <translation>Alerta</translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <source>Void entries</source>
        <translation>Anular entradas</translation>
    </message>
    <message>
        <source>&amp;Reason (required)</source>
        <translation>&amp;Motivo (obligatorio)</translation>
    </message>
    <message>
        <source>Duplicate entry</source>
        <translation>Entrada duplicada</translation>
    </message>
    <message>
        <source>Recorded for the wrong worker</source>
        <translation>Registrada al trabajador equivocado</translation>
    </message>
    <message>
        <source>Wrong number of units</source>
        <translation>Número de unidades equivocado</translation>
    </message>
    <message>
        <source>Incomplete box</source>
        <translation>Caja incompleta</translation>
    </message>
    <message>
        <source>Why are these units cancelled?</source>
        <translation>¿Por qué se anulan estas unidades?</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Voided entries stay in the list, struck through; the server keeps both movements.</source>
        <translation>Las entradas anuladas siguen en la lista, tachadas; el servidor conserva ambos movimientos.</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Anular</translation>
    </message>
</context>
<context>
    <name>WeatherDaily</name>
    <message>
        <source>Air min °C</source>
        <translation>Aire mín. °C</translation>
    </message>
    <message>
        <source>Air max °C</source>
        <translation>Aire máx. °C</translation>
    </message>
    <message>
        <source>Air mean °C</source>
        <translation>Aire media °C</translation>
    </message>
    <message>
        <source>Humidity %</source>
        <translation>Humedad %</translation>
    </message>
    <message>
        <source>Rain mm</source>
        <translation>Lluvia mm</translation>
    </message>
    <message>
        <source>ET0 mm</source>
        <translation>ET0 mm</translation>
    </message>
    <message>
        <source>Wind max m/s</source>
        <translation>Viento máx. m/s</translation>
    </message>
    <message>
        <source>Solar W/m²</source>
        <translation>Radiación W/m²</translation>
    </message>
    <message>
        <source>Soil 10 cm %</source>
        <translation>Suelo 10 cm %</translation>
    </message>
    <message>
        <source>Soil 30 cm %</source>
        <translation>Suelo 30 cm %</translation>
    </message>
    <message>
        <source>Soil 60 cm %</source>
        <translation>Suelo 60 cm %</translation>
    </message>
    <message>
        <source>Soil °C</source>
        <translation>Suelo °C</translation>
    </message>
    <message>
        <source>Leaf wet %</source>
        <translation>Hoja mojada %</translation>
    </message>
    <message>
        <source>Stem shrink µm</source>
        <translation>Contracción del tallo µm</translation>
    </message>
    <message>
        <source>Canopy max °C</source>
        <translation>Dosel máx. °C</translation>
    </message>
    <message>
        <source>Irrigation min</source>
        <translation>Riego min</translation>
    </message>
    <message>
        <source>Irrigation L</source>
        <translation>Riego L</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Día</translation>
    </message>
</context>
<context>
    <name>WeatherExport</name>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
</context>
<context>
    <name>WeatherLoading</name>
    <message>
        <source>Sign in to see the weather</source>
        <translation>Inicie sesión para ver el clima</translation>
    </message>
    <message>
        <source>Weather and soil readings come from the Hydrobit server once you are signed in.</source>
        <translation>Las lecturas de clima y suelo llegan del servidor de Hydrobit una vez que inicia sesión.</translation>
    </message>
    <message>
        <source>Choose a project</source>
        <translation>Elija un proyecto</translation>
    </message>
    <message>
        <source>Pick a project or one of its sectors in the navigator on the left.</source>
        <translation>Elija un proyecto o uno de sus sectores en el navegador de la izquierda.</translation>
    </message>
    <message>
        <source>Fetching the readings…</source>
        <translation>Obteniendo las lecturas…</translation>
    </message>
    <message>
        <source>The server could not be reached ({reason}). Showing the readings saved on this computer; press F5 to try again.</source>
        <translation>No se pudo contactar al servidor ({reason}). Se muestran las lecturas guardadas en este equipo; pulse F5 para intentarlo de nuevo.</translation>
    </message>
    <message>
        <source>The readings could not be fetched</source>
        <translation>No se pudieron obtener las lecturas</translation>
    </message>
    <message>
        <source>{reason} Nothing of this range is saved on this computer yet. Press F5 to try again.</source>
        <translation>{reason} Aún no hay nada de este periodo guardado en este equipo. Pulse F5 para intentarlo de nuevo.</translation>
    </message>
</context>
<context>
    <name>WeatherPane</name>
    <message>
        <source>Weather and plant</source>
        <translation>Clima y planta</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Día</translation>
    </message>
    <message>
        <source>Show the last 24 hours</source>
        <translation>Mostrar las últimas 24 horas</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Semana</translation>
    </message>
    <message>
        <source>Show the last 7 days</source>
        <translation>Mostrar los últimos 7 días</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Mes</translation>
    </message>
    <message>
        <source>Show the last 30 days</source>
        <translation>Mostrar los últimos 30 días</translation>
    </message>
    <message>
        <source>Season</source>
        <translation>Temporada</translation>
    </message>
    <message>
        <source>Show the last 6 months</source>
        <translation>Mostrar los últimos 6 meses</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Año</translation>
    </message>
    <message>
        <source>Show the last 12 months</source>
        <translation>Mostrar los últimos 12 meses</translation>
    </message>
    <message>
        <source>Readings</source>
        <translation>Lecturas</translation>
    </message>
    <message>
        <source>Every reading, as the sensors sent it</source>
        <translation>Cada lectura, tal como la enviaron los sensores</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>Diario</translation>
    </message>
    <message>
        <source>One point a day: rain and ET0 totals, temperature minimum, mean and maximum, other means</source>
        <translation>Un punto por día: totales de lluvia y ET0, temperatura mínima, media y máxima, y medias del resto</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Gráficos</translation>
    </message>
    <message>
        <source>Choose which charts are shown</source>
        <translation>Elegir qué gráficos se muestran</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>Save the readings as CSV or Excel, the daily table, or the charts</source>
        <translation>Guardar las lecturas en CSV o Excel, la tabla diaria o los gráficos</translation>
    </message>
    <message>
        <source>Readings shown as CSV…</source>
        <translation>Lecturas mostradas en CSV…</translation>
    </message>
    <message>
        <source>Readings shown as Excel…</source>
        <translation>Lecturas mostradas en Excel…</translation>
    </message>
    <message>
        <source>Daily table as CSV or Excel…</source>
        <translation>Tabla diaria en CSV o Excel…</translation>
    </message>
    <message>
        <source>Charts as PNG picture…</source>
        <translation>Gráficos como imagen PNG…</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>Periodo</translation>
    </message>
    <message>
        <source>weather-daily</source>
        <comment>file name</comment>
        <translation>clima-diario</translation>
    </message>
    <message>
        <source>Daily table</source>
        <translation>Tabla diaria</translation>
    </message>
    <message>
        <source>Zoom the charts in</source>
        <translation>Acercar los gráficos</translation>
    </message>
    <message>
        <source>Zoom the charts out</source>
        <translation>Alejar los gráficos</translation>
    </message>
    <message>
        <source>Show the whole range</source>
        <translation>Mostrar todo el periodo</translation>
    </message>
    <message>
        <source>Move the charts back in time</source>
        <translation>Mover los gráficos hacia atrás en el tiempo</translation>
    </message>
    <message>
        <source>Move the charts forward in time</source>
        <translation>Mover los gráficos hacia adelante en el tiempo</translation>
    </message>
    <message>
        <source>Switch the charts between every reading and daily values</source>
        <translation>Alternar los gráficos entre cada lectura y los valores diarios</translation>
    </message>
    <message>
        <source>The project&apos;s weather station and the sector&apos;s soil and plant sensors, on one time axis. Alt+1 to Alt+5 choose the range, from a day to a year; drag or turn the mouse wheel over the charts, or use Ctrl++ and Ctrl+- and Alt+Left and Alt+Right, to zoom and move. Ctrl+D switches the charts between every reading and daily values. Blue bands on the soil moisture chart are irrigation runs and rain; the daily table sums rain and ET0.</source>
        <translation>La estación meteorológica del proyecto y los sensores de suelo y planta del sector, en un mismo eje de tiempo. Alt+1 a Alt+5 eligen el periodo, de un día a un año; arrastre o gire la rueda del ratón sobre los gráficos, o use Ctrl++ y Ctrl+- y Alt+Izquierda y Alt+Derecha, para acercar y desplazarse. Ctrl+D alterna los gráficos entre cada lectura y los valores diarios. Las franjas azules del gráfico de humedad del suelo son riegos y lluvia; la tabla diaria suma la lluvia y la ET0.</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Libros de Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>PNG pictures (*.png)</source>
        <translation>Imágenes PNG (*.png)</translation>
    </message>
    <message>
        <source>Export weather</source>
        <translation>Exportar clima</translation>
    </message>
    <message>
        <source>weather</source>
        <comment>file name</comment>
        <translation>clima</translation>
    </message>
    <message>
        <source>Saved the charts to {path}</source>
        <translation>Gráficos guardados en {path}</translation>
    </message>
</context>
<context>
    <name>WeatherSeries</name>
    <message>
        <source>Air temperature</source>
        <translation>Temperatura del aire</translation>
    </message>
    <message>
        <source>Air humidity</source>
        <translation>Humedad del aire</translation>
    </message>
    <message>
        <source>Rain</source>
        <translation>Lluvia</translation>
    </message>
    <message>
        <source>ET0</source>
        <translation>ET0</translation>
    </message>
    <message>
        <source>Wind</source>
        <translation>Viento</translation>
    </message>
    <message>
        <source>Solar radiation</source>
        <translation>Radiación solar</translation>
    </message>
    <message>
        <source>Soil moisture 10 cm</source>
        <translation>Humedad del suelo 10 cm</translation>
    </message>
    <message>
        <source>Soil moisture 30 cm</source>
        <translation>Humedad del suelo 30 cm</translation>
    </message>
    <message>
        <source>Soil moisture 60 cm</source>
        <translation>Humedad del suelo 60 cm</translation>
    </message>
    <message>
        <source>Soil temperature</source>
        <translation>Temperatura del suelo</translation>
    </message>
    <message>
        <source>Canopy temperature</source>
        <translation>Temperatura del dosel</translation>
    </message>
    <message>
        <source>Leaf wetness</source>
        <translation>Mojado de hoja</translation>
    </message>
    <message>
        <source>Stem diameter (dendrometer)</source>
        <translation>Diámetro del tallo (dendrómetro)</translation>
    </message>
    <message>
        <source>{series}, daily minimum</source>
        <translation>{series}, mínima diaria</translation>
    </message>
    <message>
        <source>{series}, daily maximum</source>
        <translation>{series}, máxima diaria</translation>
    </message>
    <message>
        <source>{series}, daily total</source>
        <translation>{series}, total diario</translation>
    </message>
    <message>
        <source>{series}, daily mean</source>
        <translation>{series}, media diaria</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>Temperatura</translation>
    </message>
    <message>
        <source>Humidity and leaf wetness</source>
        <translation>Humedad y mojado de hoja</translation>
    </message>
    <message>
        <source>Rain and ET0</source>
        <translation>Lluvia y ET0</translation>
    </message>
    <message>
        <source>Soil moisture, irrigation and rain</source>
        <translation>Humedad del suelo, riego y lluvia</translation>
    </message>
    <message>
        <source>Dendrometer</source>
        <translation>Dendrómetro</translation>
    </message>
</context>
<context>
    <name>WeatherShowing</name>
    <message>
        <source>No readings in this range</source>
        <translation>No hay lecturas en este periodo</translation>
    </message>
    <message>
        <source>The weather station and the sector&apos;s sensors sent nothing between these times. Choose a longer range (Alt+3 for a month), or another project or sector.</source>
        <translation>La estación meteorológica y los sensores del sector no enviaron nada en este periodo. Elija un periodo más largo (Alt+3 para un mes) u otro proyecto o sector.</translation>
    </message>
    <message>
        <source>Irrigation</source>
        <translation>Riego</translation>
    </message>
    <message>
        <source>Showing {days} days</source>
        <translation>Se muestran {days} días</translation>
    </message>
    <message>
        <source>Showing 1 hour</source>
        <translation>Se muestra 1 hora</translation>
    </message>
    <message>
        <source>Showing {count} hours</source>
        <translation>Se muestran {count} horas</translation>
    </message>
    <message>
        <source>No project selected</source>
        <translation>Ningún proyecto seleccionado</translation>
    </message>
    <message>
        <source>(first sector: select another in the navigator)</source>
        <translation>(primer sector: seleccione otro en el navegador)</translation>
    </message>
    <message>
        <source>Fetched {age}</source>
        <translation>Obtenido {age}</translation>
    </message>
    <message>
        <source>These readings were fetched from the server at {time}</source>
        <translation>Estas lecturas se obtuvieron del servidor a las {time}</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>ahora mismo</translation>
    </message>
    <message>
        <source>{minutes} min ago</source>
        <translation>hace {minutes} min</translation>
    </message>
    <message>
        <source>{hours} h ago</source>
        <translation>hace {hours} h</translation>
    </message>
    <message>
        <source>{days} days ago</source>
        <translation>hace {days} días</translation>
    </message>
</context>
<context>
    <name>WindowDialogs</name>
    <message>
        <source>In a table</source>
        <translation>En una tabla</translation>
    </message>
    <message>
        <source>Everywhere</source>
        <translation>En toda la ventana</translation>
    </message>
    <message>
        <source>The log folder is {folder}</source>
        <translation>La carpeta de registros es {folder}</translation>
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
    <name>WindowMenus</name>
    <message>
        <source>&amp;Sign in to Hydrobit…</source>
        <translation>&amp;Iniciar sesión en Hydrobit…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>&amp;Salir de la cuenta</translation>
    </message>
    <message>
        <source>&amp;Export Table as CSV…</source>
        <translation>&amp;Exportar tabla como CSV…</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>Con&amp;figuración…</translation>
    </message>
    <message>
        <source>Open the settings: language, theme, irrigation limits, cache</source>
        <translation>Abrir la configuración: idioma, tema, límites de riego, caché</translation>
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
        <source>&amp;Alarms…</source>
        <translation>A&amp;larmas…</translation>
    </message>
    <message>
        <source>Show the alarm journal: acknowledge, clear, export</source>
        <translation>Mostrar el registro de alarmas: reconocer, cerrar, exportar</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts and Help</source>
        <translation>&amp;Atajos de teclado y ayuda</translation>
    </message>
    <message>
        <source>Show this pane&apos;s shortcuts and how it works</source>
        <translation>Mostrar los atajos de este panel y cómo funciona</translation>
    </message>
    <message>
        <source>Open &amp;Log Folder</source>
        <translation>Abrir carpeta de &amp;registros</translation>
    </message>
    <message>
        <source>Show the folder with HydroDesk&apos;s log and crash reports</source>
        <translation>Mostrar la carpeta con el registro y los informes de fallos de HydroDesk</translation>
    </message>
    <message>
        <source>Check for &amp;Updates…</source>
        <translation>Buscar act&amp;ualizaciones…</translation>
    </message>
    <message>
        <source>Ask whether a newer HydroDesk has been released</source>
        <translation>Consultar si se publicó una versión más nueva de HydroDesk</translation>
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
        <source>High &amp;Contrast (Outdoors)</source>
        <translation>Alto contraste (e&amp;xteriores)</translation>
    </message>
    <message>
        <source>Show the {pane} pane</source>
        <translation>Mostrar el panel {pane}</translation>
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
</context>
<context>
    <name>WorkerAdding</name>
    <message>
        <source>Sign in to add workers.</source>
        <translation>Inicie sesión para añadir trabajadores.</translation>
    </message>
    <message>
        <source>Sign in again to save this worker.</source>
        <translation>Vuelva a iniciar sesión para guardar a este trabajador.</translation>
    </message>
    <message>
        <source>The worker could not be saved: {reason}</source>
        <translation>No se pudo guardar al trabajador: {reason}</translation>
    </message>
    <message>
        <source>{name} saved as {id}; it is sent to the server as soon as it can be reached.</source>
        <translation>{name} guardado como {id}; se envía al servidor en cuanto se pueda contactar.</translation>
    </message>
</context>
<context>
    <name>WorkerDetail</name>
    <message>
        <source>Edit and retry…</source>
        <translation>Editar y reintentar…</translation>
    </message>
    <message>
        <source>Correct the worker (the hire date, say) and send it again</source>
        <translation>Corrija el trabajador (por ejemplo, la fecha de ingreso) y envíelo de nuevo</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Puesto</translation>
    </message>
    <message>
        <source>Employment type</source>
        <translation>Tipo de contrato</translation>
    </message>
    <message>
        <source>Hire date</source>
        <translation>Fecha de ingreso</translation>
    </message>
    <message>
        <source>Termination date</source>
        <translation>Fecha de baja</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>Hourly rate</source>
        <translation>Tarifa por hora</translation>
    </message>
    <message>
        <source>Emergency contact</source>
        <translation>Contacto de emergencia</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>Habilidades</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <source>RECENT TALLIES</source>
        <translation>CONTEOS RECIENTES</translation>
    </message>
    <message>
        <source>No worker selected</source>
        <translation>Ningún trabajador seleccionado</translation>
    </message>
    <message>
        <source>Choose a worker in the list, or press Ctrl+N to add one.</source>
        <translation>Elija un trabajador de la lista o pulse Ctrl+N para añadir uno.</translation>
    </message>
    <message>
        <source>The server did not take this worker: {reason}</source>
        <translation>El servidor no aceptó a este trabajador: {reason}</translation>
    </message>
    <message>
        <source>The server refused this worker: {reason}</source>
        <translation>El servidor rechazó a este trabajador: {reason}</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>sin motivo indicado</translation>
    </message>
    <message>
        <source>Being sent to the server now.</source>
        <translation>Enviándose al servidor ahora.</translation>
    </message>
    <message>
        <source>Saved on this computer; it is sent as soon as the server can be reached.</source>
        <translation>Guardado en este equipo; se envía en cuanto se pueda contactar al servidor.</translation>
    </message>
    <message>
        <source>Records for this worker can be made already.</source>
        <translation>Ya se pueden registrar unidades para este trabajador.</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>{amount} per hour</source>
        <translation>{amount} por hora</translation>
    </message>
    <message>
        <source>No units recorded for this worker in the sessions saved on this computer.</source>
        <translation>No hay unidades de este trabajador en las sesiones guardadas en este equipo.</translation>
    </message>
    <message>
        <source>1 recent session · {pay} earned</source>
        <translation>1 sesión reciente · pago {pay}</translation>
    </message>
    <message>
        <source>{count} recent sessions · {pay} earned</source>
        <translation>{count} sesiones recientes · pago {pay}</translation>
    </message>
</context>
<context>
    <name>WorkerFinderModel</name>
    <message>
        <source>not yet on the server</source>
        <translation>aún no está en el servidor</translation>
    </message>
    <message>
        <source>Enter records for {name} ({id})</source>
        <translation>Intro registra para {name} ({id})</translation>
    </message>
</context>
<context>
    <name>WorkerHistoryModel</name>
    <message>
        <source>Day</source>
        <translation>Día</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Sector</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Unidades</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Registros</translation>
    </message>
    <message>
        <source>Voids</source>
        <translation>Anulaciones</translation>
    </message>
    <message>
        <source>Pay</source>
        <translation>Pago</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Sesión</translation>
    </message>
    <message>
        <source>{units} of them not on the server yet</source>
        <translation>{units} aún no están en el servidor</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Abierta</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Cerrada</translation>
    </message>
</context>
<context>
    <name>WorkerOptions</name>
    <message>
        <source>Field worker</source>
        <translation>Trabajador de campo</translation>
    </message>
    <message>
        <source>Harvester</source>
        <translation>Cosechador</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Irrigator</source>
        <translation>Regador</translation>
    </message>
    <message>
        <source>Tractor driver</source>
        <translation>Tractorista</translation>
    </message>
    <message>
        <source>Quality inspector</source>
        <translation>Inspector de calidad</translation>
    </message>
    <message>
        <source>Packer</source>
        <translation>Empacador</translation>
    </message>
    <message>
        <source>Scout</source>
        <translation>Monitor de plagas</translation>
    </message>
    <message>
        <source>Full time</source>
        <translation>Tiempo completo</translation>
    </message>
    <message>
        <source>Part time</source>
        <translation>Medio tiempo</translation>
    </message>
    <message>
        <source>Seasonal</source>
        <translation>De temporada</translation>
    </message>
    <message>
        <source>Temporary</source>
        <translation>Temporal</translation>
    </message>
    <message>
        <source>Contractor</source>
        <translation>Contratista</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Activo</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inactivo</translation>
    </message>
    <message>
        <source>On leave</source>
        <translation>De permiso</translation>
    </message>
    <message>
        <source>Terminated</source>
        <translation>Dado de baja</translation>
    </message>
    <message>
        <source>Harvesting</source>
        <translation>Cosecha</translation>
    </message>
    <message>
        <source>Pruning</source>
        <translation>Poda</translation>
    </message>
    <message>
        <source>Irrigation</source>
        <translation>Riego</translation>
    </message>
    <message>
        <source>Fertigation</source>
        <translation>Fertirriego</translation>
    </message>
    <message>
        <source>Spraying</source>
        <translation>Aspersión</translation>
    </message>
    <message>
        <source>Pest scouting</source>
        <translation>Monitoreo de plagas</translation>
    </message>
    <message>
        <source>Tractor operation</source>
        <translation>Manejo de tractor</translation>
    </message>
    <message>
        <source>Quality control</source>
        <translation>Control de calidad</translation>
    </message>
    <message>
        <source>Packing</source>
        <translation>Empaque</translation>
    </message>
    <message>
        <source>Planting</source>
        <translation>Siembra</translation>
    </message>
    <message>
        <source>First aid</source>
        <translation>Primeros auxilios</translation>
    </message>
</context>
<context>
    <name>WorkerTallyModel</name>
    <message>
        <source>Worker</source>
        <translation>Trabajador</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Unidades</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Registros</translation>
    </message>
    <message>
        <source>Voids</source>
        <translation>Anulaciones</translation>
    </message>
    <message>
        <source>Pay</source>
        <translation>Pago</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sincronización</translation>
    </message>
    <message>
        <source>{units} confirmed</source>
        <translation>{units} confirmadas</translation>
    </message>
    <message>
        <source>{units} waiting to sync</source>
        <translation>{units} por sincronizar</translation>
    </message>
    <message>
        <source>{units} stopped, not counted</source>
        <translation>{units} detenidas, no se cuentan</translation>
    </message>
    <message>
        <source>{base} for the units + {bonus} bonus</source>
        <translation>{base} por las unidades + {bonus} de bono</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Requiere atención</translation>
    </message>
    <message>
        <source>{count} pending</source>
        <translation>{count} pendientes</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Confirmado</translation>
    </message>
</context>
<context>
    <name>WorkersPane</name>
    <message>
        <source>Workers</source>
        <translation>Trabajadores</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualizar</translation>
    </message>
    <message>
        <source>Download the roster from the Hydrobit server (F5)</source>
        <translation>Descargar la plantilla del servidor de Hydrobit (F5)</translation>
    </message>
    <message>
        <source>New worker…</source>
        <translation>Nuevo trabajador…</translation>
    </message>
    <message>
        <source>Add a worker to the roster (Ctrl+N)</source>
        <translation>Añadir un trabajador a la plantilla (Ctrl+N)</translation>
    </message>
    <message>
        <source>Search name or worker ID (Ctrl+F)</source>
        <translation>Buscar nombre o ID del trabajador (Ctrl+F)</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Cualquier estado</translation>
    </message>
    <message>
        <source>Any position</source>
        <translation>Cualquier puesto</translation>
    </message>
    <message>
        <source>Any employment type</source>
        <translation>Cualquier tipo de contrato</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Quitar filtros</translation>
    </message>
    <message>
        <source>workers</source>
        <comment>file name</comment>
        <translation>trabajadores</translation>
    </message>
    <message>
        <source>The roster of the company&apos;s workers, searchable by name or ID even offline. Choose a worker to see their card and recent tallies. A new worker is saved on this computer at once and sent to Hydrobit when the connection allows.</source>
        <translation>La plantilla de trabajadores de la empresa, con búsqueda por nombre o ID incluso sin conexión. Elija un trabajador para ver su ficha y sus conteos recientes. Un trabajador nuevo se guarda al momento en este equipo y se envía a Hydrobit cuando la conexión lo permite.</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Sin iniciar sesión</translation>
    </message>
    <message>
        <source>Sign in to Hydrobit (File &gt; Sign in) to see the worker roster.</source>
        <translation>Inicie sesión en Hydrobit (Archivo &gt; Iniciar sesión) para ver la plantilla de trabajadores.</translation>
    </message>
    <message>
        <source>No workers saved on this computer yet</source>
        <translation>Aún no hay trabajadores guardados en este equipo</translation>
    </message>
    <message>
        <source>Connect to the Hydrobit server and press Refresh (F5) to download the roster. You can add workers with Ctrl+N meanwhile: they are sent once the server can be reached.</source>
        <translation>Conéctese al servidor de Hydrobit y pulse Actualizar (F5) para descargar la plantilla. Mientras tanto puede añadir trabajadores con Ctrl+N: se envían en cuanto se pueda contactar al servidor.</translation>
    </message>
    <message>
        <source>Downloading the roster…</source>
        <translation>Descargando la plantilla…</translation>
    </message>
    <message>
        <source>1 worker</source>
        <translation>1 trabajador</translation>
    </message>
    <message>
        <source>{count} workers</source>
        <translation>{count} trabajadores</translation>
    </message>
    <message>
        <source>roster never downloaded</source>
        <translation>plantilla nunca descargada</translation>
    </message>
    <message>
        <source>roster refreshed {when}</source>
        <translation>plantilla actualizada {when}</translation>
    </message>
    <message>
        <source>{count} not on the server yet</source>
        <translation>{count} aún no en el servidor</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>The roster could not be refreshed: {problem} Showing the copy saved on this computer (refreshed {when}).</source>
        <translation>No se pudo actualizar la plantilla: {problem} Se muestra la copia guardada en este equipo (actualizada {when}).</translation>
    </message>
    <message>
        <source>Offline: showing the roster saved on this computer (refreshed {when}). New workers are saved here and sent when the connection is back.</source>
        <translation>Sin conexión: se muestra la plantilla guardada en este equipo (actualizada {when}). Los trabajadores nuevos se guardan aquí y se envían cuando vuelva la conexión.</translation>
    </message>
</context>
</TS>
